// Footnote labels from cmark-gfm's renderings, and unreferenced definitions from the source.
#include "markdown/footnotes.h"

#include <algorithm>

#include "base/utf8.h"
#include "markdown/unicode.h"

namespace galley::markdown::footnotes {

namespace {

std::string fold_case(std::string_view s) {
    std::string out;
    for (std::size_t pos = 0; pos < s.size();) unicode::append_lower(out, utf8::decode(s, pos));
    return out;
}

// The label of a definition that starts `line` at `column` (0-based), or empty. Same pattern as
// cmark-gfm's scanner: "[^", one or more characters other than ']' and white space, "]:".
std::string_view definition_label(std::string_view line, std::size_t column) {
    if (line.substr(column, 2) != "[^") return {};
    const std::size_t close = line.find_first_of("] \t", column + 2);
    if (close == std::string_view::npos || close == column + 2 || line[close] != ']' ||
        line.substr(close + 1, 1) != ":")
        return {};
    return line.substr(column + 2, close - column - 2);
}

}  // namespace

std::string label_of_rendering(std::string_view commonmark) {
    const std::size_t open = commonmark.find("[^");
    if (open == std::string_view::npos) return {};
    const std::size_t close = commonmark.find(']', open + 2);
    if (close == std::string_view::npos) return {};
    return std::string(commonmark.substr(open + 2, close - open - 2));
}

std::vector<WrittenDefinition> unused_definitions(std::string_view body, const std::vector<std::string>& used,
                                                  const std::vector<LineRange>& verbatim) {
    std::vector<std::string> used_folded;
    for (const std::string& label : used) used_folded.push_back(fold_case(label));

    std::vector<WrittenDefinition> unused;
    std::uint32_t line_no = 0;
    for (std::size_t start = 0; start < body.size();) {
        const std::size_t end = std::min(body.find('\n', start), body.size());
        const std::string_view line = body.substr(start, end - start);
        start = end + 1;
        ++line_no;
        const bool in_verbatim = std::any_of(verbatim.begin(), verbatim.end(), [&](const LineRange& r) {
            return line_no >= r.first && line_no <= r.last;
        });
        if (in_verbatim) continue;
        const std::size_t column = line.find_first_not_of(" \t>");
        if (column == std::string_view::npos) continue;
        const std::string_view label = definition_label(line, column);
        if (label.empty()) continue;
        const std::string folded = fold_case(label);
        if (std::find(used_folded.begin(), used_folded.end(), folded) == used_folded.end())
            unused.push_back({std::string(label), line_no, static_cast<std::uint32_t>(column + 1)});
    }
    return unused;
}

}  // namespace galley::markdown::footnotes
