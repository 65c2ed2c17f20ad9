// GitHub alerts and Obsidian callouts: the marker line of a block quote read off its first
// paragraph.
#include "markdown/alerts.h"

#include <algorithm>
#include <string_view>

namespace galley::markdown::alerts {

namespace {

bool word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/// The word of a `[!word]` marker at the start of `text`, and the index past the `]` (and a
/// fold marker); npos when `text` starts with no marker.
std::size_t marker(std::string_view text, std::string& word) {
    if (!text.starts_with("[!")) return std::string_view::npos;
    std::size_t i = 2;
    while (i < text.size() && word_char(text[i])) ++i;
    if (i == 2 || i >= text.size() || text[i] != ']') return std::string_view::npos;
    word.assign(text.substr(2, i - 2));
    std::transform(word.begin(), word.end(), word.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    return i;
}

bool is_break(const doc::Inline& in) {
    return in.kind == doc::InlineKind::SoftBreak || in.kind == doc::InlineKind::LineBreak;
}

}  // namespace

void to_callout(doc::Block& quote) {
    if (quote.kind != doc::BlockKind::BlockQuote || quote.children.empty()) return;
    doc::Block& first = quote.children.front();
    if (first.kind != doc::BlockKind::Paragraph || first.inlines.empty() ||
        first.inlines.front().kind != doc::InlineKind::Text)
        return;
    std::string word;
    const std::size_t after = marker(first.inlines.front().text, word);
    if (after == std::string_view::npos) return;
    // The title: the rest of the marker's line, leading spaces dropped.
    std::vector<doc::Inline>& ins = first.inlines;
    const auto line_end = std::find_if(ins.begin(), ins.end(), is_break);
    std::vector<doc::Inline> title(ins.begin(), line_end);
    std::string& head = title.front().text;
    head.erase(0, after);
    head.erase(0, std::min(head.find_first_not_of(" \t"), head.size()));
    if (head.empty()) title.erase(title.begin());
    ins.erase(ins.begin(), line_end == ins.end() ? line_end : line_end + 1);
    if (ins.empty()) quote.children.erase(quote.children.begin());
    quote.kind = doc::BlockKind::Callout;
    quote.label = word;
    quote.inlines = std::move(title);
}

}  // namespace galley::markdown::alerts
