// Monospace cells: how many columns of a fixed-pitch grid a character takes, as terminals and
// code editors count them (East Asian Width, UAX #11, and emoji presentation). Pure.
#pragma once

#include <string_view>

namespace galley::shape {

/// Cells of code point `c` that follows `before` (0 at a line start): 2 for East Asian Wide
/// and Fullwidth characters (which include the emoji shown as emoji by default), 0 for marks,
/// format characters and other default ignorables (ZWJ, variation selectors), else 1 (East
/// Asian Ambiguous counts as narrow, as outside East Asian contexts). U+FE0F after a narrow
/// emoji (❤, ☺) asks for its emoji form and adds the second cell.
int code_point_cells(char32_t c, char32_t before);

/// Cells of UTF-8 `text`: the sum over its code points. A grapheme of several emoji joined by
/// ZWJ counts each (the outline emoji font draws them side by side).
int text_cells(std::string_view text);

}  // namespace galley::shape
