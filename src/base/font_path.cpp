#include "base/font_path.h"

#include <algorithm>
#include <string_view>

#include "base/ascii.h"

namespace galley::font_path {

namespace {

bool ends_with_font_extension(std::string_view s) {
    auto ends = [&](std::string_view e) {
        return s.size() > e.size() &&
               std::equal(e.rbegin(), e.rend(), s.rbegin(),
                          [](char a, char b) { return a == ascii::to_lower(b); });
    };
    return ends(".ttf") || ends(".otf") || ends(".ttc") || ends(".otc");
}

}  // namespace

std::optional<std::pair<std::string, unsigned>> font_file(const std::string& family) {
    if (ends_with_font_extension(family)) return std::pair{family, 0u};
    const std::size_t hash = family.rfind('#');
    if (hash == std::string::npos || hash + 1 == family.size() || hash + 4 < family.size() - 1 ||
        !ends_with_font_extension(std::string_view(family).substr(0, hash)))
        return std::nullopt;
    unsigned index = 0;
    for (char c : family.substr(hash + 1)) {
        if (c < '0' || c > '9') return std::nullopt;
        index = index * 10 + static_cast<unsigned>(c - '0');
    }
    return std::pair{family.substr(0, hash), index};
}

}  // namespace galley::font_path
