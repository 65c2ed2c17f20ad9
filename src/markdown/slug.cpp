// Anchor names: GitHub's heading slugs (DESIGN.md section 2, "Anchors"). Link fragments are
// percent-decoded before lookup by base/url.h.
#include "markdown/slug.h"

#include "base/utf8.h"
#include "markdown/markdown.h"
#include "markdown/unicode.h"

namespace galley::markdown {

std::string slug(std::string_view heading_text) {
    std::string out;
    for (std::size_t pos = 0; pos < heading_text.size();) {
        const char32_t c = utf8::decode(heading_text, pos);
        if (c == ' ')
            out += '-';
        else if (c == '-' || unicode::is_anchor_char(c))
            unicode::append_lower(out, c);
    }
    return out;
}

std::string UniqueSlugs::add(std::string_view heading_text) {
    const std::string base = slug(heading_text);
    std::string result = base;
    while (occurrences_.contains(result)) result = base + '-' + std::to_string(++occurrences_[base]);
    occurrences_.emplace(result, 0);
    return result;
}

std::string UniqueSlugs::claim(std::string_view id) {
    occurrences_.try_emplace(std::string(id), 0);
    return std::string(id);
}

}  // namespace galley::markdown
