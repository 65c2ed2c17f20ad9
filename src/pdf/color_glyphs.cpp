// Colour bitmap glyphs: the PNG of each glyph through HarfBuzz (hb-ot-color), its box from the
// strike's metrics, and the rectangle it covers at a given size.
#include "pdf/color_glyphs.h"

#include <hb-ot.h>
#include <hb.h>

#include <algorithm>
#include <iterator>
#include <span>
#include <string>
#include <utility>

namespace galley::pdf {

namespace {

/// A PNG's pixel size from its IHDR chunk (the first, right after the 8-byte signature), or
/// nullopt when `png` does not start as a PNG does.
std::optional<std::pair<std::uint32_t, std::uint32_t>> png_size(std::span<const std::uint8_t> png) {
    static constexpr std::uint8_t kStart[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    if (png.size() < 24 || !std::equal(std::begin(kStart), std::end(kStart), png.begin())) return std::nullopt;
    const auto be32 = [&](std::size_t at) {
        return std::uint32_t{png[at]} << 24 | std::uint32_t{png[at + 1]} << 16 | std::uint32_t{png[at + 2]} << 8 |
               std::uint32_t{png[at + 3]};
    };
    return std::pair{be32(16), be32(20)};
}

}  // namespace

Rect bitmap_rect(Point pen, Pt size, Pt advance, int units_per_em, const BitmapExtents& e) {
    double k = units_per_em > 0 ? size / units_per_em : 0;
    if (e.advance > 0 && advance > 0 && advance < e.advance * k) k = advance / e.advance;
    // HarfBuzz's height is negative (downwards from the top): the bottom edge is top + height.
    return {pen.x + e.x_bearing * k, pen.y + (e.y_bearing + e.height) * k, e.width * k, -e.height * k};
}

ColorGlyphs::~ColorGlyphs() {
    for (auto& [face, bitmaps] : faces_)
        if (bitmaps.font) hb_font_destroy(bitmaps.font);
}

const ColorGlyphs::Bitmap* ColorGlyphs::bitmap(const font::Face& face, std::uint32_t gid) {
    FaceBitmaps& fb = faces_[&face];
    if (!fb.font) {
        // The writer's own HarfBuzz font over the face's bytes (as CidFont has one): a FreeType
        // face must not be shared with the layout thread. No ppem set: the largest strike.
        const std::span<const std::uint8_t> data = face.data();
        hb_blob_t* blob = hb_blob_create(reinterpret_cast<const char*>(data.data()), static_cast<unsigned>(data.size()),
                                         HB_MEMORY_MODE_READONLY, nullptr, nullptr);
        hb_face_t* hf = hb_face_create(blob, face.index());
        fb.font = hb_font_create(hf);
        hb_font_set_scale(fb.font, face.metrics().units_per_em, face.metrics().units_per_em);
        hb_face_destroy(hf);
        hb_blob_destroy(blob);
    }
    auto [it, inserted] = fb.glyphs.try_emplace(gid);
    if (!inserted) return it->second ? &*it->second : nullptr;
    hb_blob_t* png = hb_ot_color_glyph_reference_png(fb.font, gid);
    unsigned length = 0;
    const char* bytes = hb_blob_get_data(png, &length);
    const std::span<const std::uint8_t> data(reinterpret_cast<const std::uint8_t*>(bytes), length);
    hb_glyph_extents_t ext{};
    const auto size = png_size(data);
    if (size && size->first > 0 && size->second > 0 && hb_font_get_glyph_extents(fb.font, gid, &ext) &&
        ext.width > 0 && ext.height < 0) {
        auto image = std::make_shared<frame::ImageData>();
        image->format = frame::ImageData::Format::Png;
        image->bytes.assign(data.begin(), data.end());
        image->width = size->first;
        image->height = size->second;
        image->name = face.path() + " glyph " + std::to_string(gid);
        const int advance = static_cast<int>(hb_font_get_glyph_h_advance(fb.font, gid));
        it->second = Bitmap{std::move(image), {ext.x_bearing, ext.y_bearing, ext.width, ext.height, advance}};
    }
    hb_blob_destroy(png);
    return it->second ? &*it->second : nullptr;
}

}  // namespace galley::pdf
