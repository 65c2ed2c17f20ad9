// A face's OpenType MATH table through HarfBuzz (hb-ot-math.h): constants, glyph metrics,
// italic corrections, accent attachment, size variants and assemblies. All values in font units.
#pragma once

#include <hb-ot.h>
#include <hb.h>

#include <cstdint>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include "font/font.h"

namespace galley::math {

/// Ink extents of a glyph above and below the baseline (depth positive downwards).
struct GlyphExtents {
    double height = 0;
    double depth = 0;
};

/// A glyph of a shaped string: its id, advance and the byte of the string it comes from.
struct ShapedGlyph {
    std::uint32_t gid;
    double advance;
    std::uint32_t cluster;
};

class MathFont {
public:
    explicit MathFont(const font::Face& face);
    ~MathFont();
    MathFont(const MathFont&) = delete;
    MathFont& operator=(const MathFont&) = delete;

    /// Whether the face has a MATH table at all.
    bool has_math() const { return has_math_; }
    const font::Face& face() const { return face_; }
    double units_per_em() const { return upem_; }

    /// A MATH constant (OpenType MATH, MathConstants table); percentages as the number given.
    double constant(hb_ot_math_constant_t c) const { return hb_ot_math_get_constant(font_, c); }
    /// The glyph for `cp` at script level `ssty` (0 text, 1 script, 2 script-script): the
    /// font's `ssty` alternate where it has one; 0 when the font lacks the character.
    std::uint32_t glyph(char32_t cp, int ssty) const;
    double advance(std::uint32_t gid) const { return hb_font_get_glyph_h_advance(font_, gid); }
    GlyphExtents extents(std::uint32_t gid) const;
    double italic(std::uint32_t gid) const { return hb_ot_math_get_glyph_italics_correction(font_, gid); }
    /// Where an accent attaches over the glyph, from its left edge: the MATH value, or half
    /// the advance when the font gives none.
    double top_accent(std::uint32_t gid) const;
    /// Larger versions of `gid` in the direction, smallest first, with their advances.
    std::vector<std::pair<std::uint32_t, double>> variants(std::uint32_t gid, bool vertical) const;
    /// The pieces to build `gid` at any size in the direction, first to last (bottom to top,
    /// or left to right); empty when the font has no assembly.
    std::vector<hb_ot_math_glyph_part_t> assembly(std::uint32_t gid, bool vertical) const;
    double min_connector_overlap(bool vertical) const;
    /// `text` shaped left to right without ligatures across words (\text, operator names).
    std::vector<ShapedGlyph> shape(std::string_view text) const;

private:
    const font::Face& face_;
    hb_blob_t* blob_ = nullptr;
    hb_face_t* hb_face_ = nullptr;
    hb_font_t* font_ = nullptr;
    double upem_ = 1000;
    bool has_math_ = false;
    mutable std::map<std::pair<char32_t, int>, std::uint32_t> glyphs_;
};

}  // namespace galley::math
