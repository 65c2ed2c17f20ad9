// Where a long Markdown body can be cut into sections that parse independently: the same
// document as parsing it whole, a section at a time, so its model never exists whole. Private
// to markdown/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace galley::markdown {

/// A slice of the body: bytes [begin, end), starting on body line `line` (1-based).
struct Section {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::uint32_t line = 1;
};

/// Cuts `body` into sections of at least `target` bytes (the last may be shorter), each cut
/// before an ATX heading at the left margin that follows a blank line, outside fenced code.
/// Such a line closes every open block (the blank line ended a paragraph; a list item or quote
/// needs indentation or a marker to go on, a table a pipe row), so each section parses as it
/// would inside the whole. Code fences are paired at the left margin, where a fence line is
/// always one of the document's own. The body is never cut (one section) when it holds "]:"
/// (a link reference or footnote definition applies document-wide), a fence line indented by
/// one to three spaces (it may belong to a list item that ends before the fence closes) or a
/// line starting with '<' (an HTML block may hold fence lines or blank lines), or a carriage
/// return without a line feed (a line end to cmark-gfm, not to this scan).
std::vector<Section> split_sections(std::string_view body, std::size_t target);

}  // namespace galley::markdown
