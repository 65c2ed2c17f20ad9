// Emoji short codes: a sorted table searched by name, applied to text runs.
#include "markdown/emoji.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace galley::markdown::emoji {

namespace {

struct Entry {
    std::string_view name;
    std::string_view emoji;
};

constexpr Entry kTable[] = {
#include "emoji_table.inc"
};

bool alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (static_cast<unsigned char>(c) >= 0x80);
}

bool name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '+' || c == '-'; }

/// The longest name in the table: a colon further away than this closes no code.
constexpr std::size_t kMaxName = [] {
    std::size_t n = 0;
    for (const Entry& e : kTable) n = std::max(n, e.name.size());
    return n;
}();

void replace_in(std::string& text) {
    if (text.find(':') == std::string::npos) return;
    std::string out;
    std::size_t copied = 0;
    for (std::size_t open = text.find(':'); open != std::string::npos;) {
        std::size_t close = open + 1;
        while (close < text.size() && close - open <= kMaxName + 1 && name_char(text[close])) ++close;
        const bool shaped = close < text.size() && text[close] == ':' && close > open + 1;
        const bool free = (open == 0 || !alnum(text[open - 1])) && (close + 1 >= text.size() || !alnum(text[close + 1]));
        const std::string_view found = shaped && free ? lookup(std::string_view(text).substr(open + 1, close - open - 1)) : "";
        if (found.empty()) {
            open = text.find(':', open + 1);
            continue;
        }
        out.append(text, copied, open - copied).append(found);
        copied = close + 1;
        open = text.find(':', copied);
    }
    if (copied == 0) return;
    out.append(text, copied);
    text = std::move(out);
}

}  // namespace

std::string_view lookup(std::string_view name) {
    const auto it = std::lower_bound(std::begin(kTable), std::end(kTable), name,
                                     [](const Entry& e, std::string_view n) { return e.name < n; });
    return it != std::end(kTable) && it->name == name ? it->emoji : std::string_view();
}

void replace_codes(std::vector<doc::Inline>& inlines) {
    // Explicit stack: inlines nest up to doc::max_nesting, but no recursion is needed.
    std::vector<std::vector<doc::Inline>*> todo{&inlines};
    while (!todo.empty()) {
        std::vector<doc::Inline>* list = todo.back();
        todo.pop_back();
        for (doc::Inline& in : *list) {
            if (in.kind == doc::InlineKind::Text) replace_in(in.text);
            const bool autolink = in.kind == doc::InlineKind::Link && doc::plain_text(in.children) == in.url;
            if (!in.children.empty() && !autolink && in.kind != doc::InlineKind::Code) todo.push_back(&in.children);
        }
    }
}

}  // namespace galley::markdown::emoji
