// The second writer: frames as deterministic text, one item per line, for golden tests that a
// person can read in a diff (as SILE's debug outputter). It walks the same frame::Document the
// PDF writer walks and needs nothing upstream of frames.
#pragma once

#include <string>

#include "frame/frame.h"

namespace galley::framedump {

/// Version of the dump format, printed in its first line; raise it when the format changes.
inline constexpr int kFormatVersion = 1;

/// The whole document as text, in this order:
///
///     galley-frames 1
///     page 1 595.28x841.89                      (MediaBox width x height, points)
///     page 2 595.28x841.89 number roman 2       (a page numbered apart from its position:
///                                                front matter i, ii, ..., the body from 1)
///       run "Noto Serif" bold 10.50 #1a1a1a 70.87,760.12 rtl "text"
///         gids 36:5.21 71:4.10 3:2.60@0.00,1.20   (glyph id:x advance[@x offset,y offset])
///         clusters 0..9 12 11                    (byte offsets into the text; a..b[/step] runs)
///       box 70.87,700.00 453.54x12.00 fill #f5f5f5 stroke #999999 0.50
///       line 70.87,700.00 524.41,700.00 0.50 #999999
///       link 70.87,700.00 100.00x12.00 uri "https://example.org"   (or: dest "slug")
///       anchor "slug" 70.87,780.00
///       image 70.87,500.00 200.00x100.00 png 64x32 "rgb-8.png"
///       text-as "    return x"                  (copied text of the items up to text-as-end)
///       text-as-end
///     outline 2 "Title" "slug"                   (level, title, destination)
///     info title "..."                           (also author, subject, keywords, lang, created)
///
/// Positions and lengths are in points with two decimals (-0.00 is written 0.00); y grows
/// upwards as in PDF. A run names its face by family and style (regular, bold, italic,
/// bold-italic), never by file path, so the dump does not depend on where fonts are installed;
/// its flags are `rtl` (shaped right to left), `in-rtl` (left to right inside right-to-left
/// text) and `bitmaps` (a colour bitmap face: the glyphs are drawn as their pictures, the
/// text invisibly), then `angle DEG` when rotated. Glyphs are listed twelve to a `gids` line. Colours are
/// sRGB `#rrggbb`. Strings are in double quotes with `"` and `\` escaped, and controls and
/// invisible characters (format characters, spaces other than U+0020) written as `\u{XXXX}`.
/// An image is named by its file name only. The creator (galley's version) is left out, so a
/// version bump does not change every dump. Lines end with "\n".
std::string write(const frame::Document& document);

}  // namespace galley::framedump
