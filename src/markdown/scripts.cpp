// pandoc's `~sub~` and `^sup^`: text runs cut at matching marks.
#include "markdown/scripts.h"

#include <utility>

namespace galley::markdown::scripts {

namespace {

bool white(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// The inlines `text` becomes: its script marks read, the rest text.
std::vector<doc::Inline> cut(const doc::Inline& text) {
    std::vector<doc::Inline> out;
    const std::string& t = text.text;
    std::size_t copied = 0;
    for (std::size_t open = t.find_first_of("~^"); open != std::string::npos;) {
        const char mark = t[open];
        std::size_t close = open + 1;
        while (close < t.size() && t[close] != mark && !white(t[close])) ++close;
        if (close >= t.size() || t[close] != mark || close == open + 1) {
            open = t.find_first_of("~^", open + 1);
            continue;
        }
        if (open > copied) out.push_back({.text = t.substr(copied, open - copied), .location = text.location});
        doc::Inline script{.kind = mark == '~' ? doc::InlineKind::Subscript : doc::InlineKind::Superscript,
                           .location = text.location};
        script.children.push_back({.text = t.substr(open + 1, close - open - 1), .location = text.location});
        out.push_back(std::move(script));
        copied = close + 1;
        open = t.find_first_of("~^", copied);
    }
    if (copied == 0) return {text};
    if (copied < t.size()) out.push_back({.text = t.substr(copied), .location = text.location});
    return out;
}

}  // namespace

void read(std::vector<doc::Inline>& inlines) {
    std::vector<doc::Inline> out;
    for (doc::Inline& in : inlines) {
        if (in.kind != doc::InlineKind::Text || in.escaped || in.text.find_first_of("~^") == std::string::npos) {
            // Inlines nest at most doc::max_nesting deep: the recursion is bounded.
            if (in.kind != doc::InlineKind::Code) read(in.children);
            out.push_back(std::move(in));
            continue;
        }
        for (doc::Inline& part : cut(in)) out.push_back(std::move(part));
    }
    inlines = std::move(out);
}

}  // namespace galley::markdown::scripts
