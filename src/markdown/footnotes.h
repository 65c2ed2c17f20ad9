// Footnote facts cmark-gfm keeps to itself: the labels, and definitions nothing references
// (it drops those from its tree without a word).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace galley::markdown::footnotes {

/// The label in cmark-gfm's CommonMark rendering of a footnote reference ("[^label]") or
/// definition ("[^label]:" and its content); empty when the text has no such form.
std::string label_of_rendering(std::string_view commonmark);

/// Body lines, 1-based, both ends included.
struct LineRange {
    std::uint32_t first = 0;
    std::uint32_t last = 0;
};

/// Where a footnote definition is written: body line and byte column (1-based) of its '['.
struct WrittenDefinition {
    std::string label;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

/// The footnote definitions written in `body` whose label is none of `used`, compared without
/// case as cmark-gfm compares labels. A definition is a line that starts, after spaces and
/// block-quote markers, with "[^label]:"; lines inside `verbatim` (code and HTML blocks) are
/// not looked at. A definition inside a list item is not seen: it is rare, and then no
/// warning is the safe side.
std::vector<WrittenDefinition> unused_definitions(std::string_view body, const std::vector<std::string>& used,
                                                  const std::vector<LineRange>& verbatim);

}  // namespace galley::markdown::footnotes
