#include "math/math_font.h"

namespace galley::math {

MathFont::MathFont(const font::Face& face) : face_(face) {
    const auto data = face.data();
    blob_ = hb_blob_create(reinterpret_cast<const char*>(data.data()), static_cast<unsigned>(data.size()),
                           HB_MEMORY_MODE_READONLY, nullptr, nullptr);
    hb_face_ = hb_face_create(blob_, face.index());
    font_ = hb_font_create(hb_face_);
    upem_ = hb_face_get_upem(hb_face_);
    has_math_ = hb_ot_math_has_data(hb_face_);
}

MathFont::~MathFont() {
    hb_font_destroy(font_);
    hb_face_destroy(hb_face_);
    hb_blob_destroy(blob_);
}

std::uint32_t MathFont::glyph(char32_t cp, int ssty) const {
    const auto key = std::make_pair(cp, ssty);
    if (const auto it = glyphs_.find(key); it != glyphs_.end()) return it->second;
    hb_codepoint_t gid = 0;
    hb_font_get_nominal_glyph(font_, cp, &gid);
    if (gid && ssty > 0) {
        // The script-size alternates are a GSUB feature: shaping the one character with it on
        // is the way to reach them (the ssty value picks the level).
        hb_buffer_t* buf = hb_buffer_create();
        hb_buffer_add_codepoints(buf, reinterpret_cast<const hb_codepoint_t*>(&cp), 1, 0, 1);
        hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
        hb_buffer_set_script(buf, HB_SCRIPT_COMMON);
        const hb_feature_t ssty_feature{HB_TAG('s', 's', 't', 'y'), static_cast<std::uint32_t>(ssty), 0, ~0u};
        hb_shape(font_, buf, &ssty_feature, 1);
        unsigned n = 0;
        const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
        if (n == 1 && info[0].codepoint) gid = info[0].codepoint;
        hb_buffer_destroy(buf);
    }
    glyphs_.emplace(key, gid);
    return gid;
}

GlyphExtents MathFont::extents(std::uint32_t gid) const {
    hb_glyph_extents_t e{};
    if (!hb_font_get_glyph_extents(font_, gid, &e)) return {};
    return {static_cast<double>(e.y_bearing), static_cast<double>(-(e.y_bearing + e.height))};
}

double MathFont::top_accent(std::uint32_t gid) const {
    return hb_ot_math_get_glyph_top_accent_attachment(font_, gid);
}

std::vector<std::pair<std::uint32_t, double>> MathFont::variants(std::uint32_t gid, bool vertical) const {
    hb_ot_math_glyph_variant_t v[64];
    unsigned n = 64;
    hb_ot_math_get_glyph_variants(font_, gid, vertical ? HB_DIRECTION_BTT : HB_DIRECTION_LTR, 0, &n, v);
    std::vector<std::pair<std::uint32_t, double>> out;
    for (unsigned i = 0; i < n; ++i) out.emplace_back(v[i].glyph, static_cast<double>(v[i].advance));
    return out;
}

std::vector<hb_ot_math_glyph_part_t> MathFont::assembly(std::uint32_t gid, bool vertical) const {
    hb_ot_math_glyph_part_t parts[32];
    unsigned n = 32;
    hb_position_t italic = 0;
    hb_ot_math_get_glyph_assembly(font_, gid, vertical ? HB_DIRECTION_BTT : HB_DIRECTION_LTR, 0, &n, parts, &italic);
    return {parts, parts + n};
}

double MathFont::min_connector_overlap(bool vertical) const {
    return hb_ot_math_get_min_connector_overlap(font_, vertical ? HB_DIRECTION_BTT : HB_DIRECTION_LTR);
}

std::vector<ShapedGlyph> MathFont::shape(std::string_view text) const {
    hb_buffer_t* buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, text.data(), static_cast<int>(text.size()), 0, static_cast<int>(text.size()));
    hb_buffer_guess_segment_properties(buf);
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_shape(font_, buf, nullptr, 0);
    unsigned n = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);
    std::vector<ShapedGlyph> out;
    for (unsigned i = 0; i < n; ++i) out.push_back({info[i].codepoint, static_cast<double>(pos[i].x_advance), info[i].cluster});
    hb_buffer_destroy(buf);
    return out;
}

}  // namespace galley::math
