// Colour bitmap glyphs (CBDT/CBLC: one PNG per glyph, as Noto Color Emoji stores them) as
// pictures: each glyph's PNG read once from the face, and where it goes on the page. The text of
// such a run stays text (an invisible CID font, cid_font.h). Private to pdf/.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>

#include "base/geometry.h"
#include "font/font.h"
#include "frame/frame.h"

struct hb_font_t;

namespace galley::pdf {

/// A bitmap glyph's box in font units, as HarfBuzz reads it from the strike's glyph metrics
/// (OpenType CBDT, SmallGlyphMetrics scaled from the strike's pixels per em to the em): the
/// left edge right of the pen (x_bearing), the top above the baseline (y_bearing), the width,
/// and the height, negative because it runs down from the top; and the glyph's advance (hmtx).
struct BitmapExtents {
    int x_bearing = 0;
    int y_bearing = 0;
    int width = 0;
    int height = 0;
    int advance = 0;
};

/// The rectangle (points, page space) the bitmap of a glyph covers when the glyph is drawn at
/// `size` points with its origin at `pen` (on the baseline, the glyph's offsets applied): the
/// extents scaled by size / units_per_em, so the strike (Noto Color Emoji's is 109 pixels per
/// em) scales to the font size as a browser scales it. `advance` is the advance the frame gives
/// the glyph, in points: when it is narrower than the glyph's own (two cells of a code grid),
/// the picture shrinks to it, keeping its proportions, its left edge and the baseline (a glyph
/// without an advance keeps its size).
Rect bitmap_rect(Point pen, Pt size, Pt advance, int units_per_em, const BitmapExtents& extents);

/// The glyph pictures of colour bitmap faces, read on first use and kept for the document, so
/// each distinct glyph becomes one image XObject however often it is drawn.
class ColorGlyphs {
public:
    ColorGlyphs() = default;
    ~ColorGlyphs();
    ColorGlyphs(const ColorGlyphs&) = delete;
    ColorGlyphs& operator=(const ColorGlyphs&) = delete;

    struct Bitmap {
        std::shared_ptr<const frame::ImageData> image;  // the glyph's PNG, as stored in the face
        BitmapExtents extents;
    };
    /// The picture of glyph `gid` of `face` (a face with font::Face::color_bitmaps) from its
    /// largest strike; null when the glyph has none (a space) or its data is not a PNG.
    const Bitmap* bitmap(const font::Face& face, std::uint32_t gid);

private:
    struct FaceBitmaps {
        hb_font_t* font = nullptr;
        std::unordered_map<std::uint32_t, std::optional<Bitmap>> glyphs;
    };
    std::unordered_map<const font::Face*, FaceBitmaps> faces_;
};

}  // namespace galley::pdf
