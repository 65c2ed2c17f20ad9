// HarfBuzz shaping with a per-document cache, and itemization by script and font coverage.
#include "shape/shape.h"

#include <hb.h>

#include <set>
#include <unordered_map>

#include "base/utf8.h"

namespace galley::shape {

struct Shaper::Impl {
    font::FontBook& book;
    std::vector<hb_font_t*> fonts;  // by face id
    std::unordered_map<std::string, Shaped> cache;
    std::string key;
    std::set<char32_t> warned_missing;
    hb_buffer_t* buffer = hb_buffer_create();
    hb_unicode_funcs_t* unicode = hb_unicode_funcs_get_default();

    explicit Impl(font::FontBook& b) : book(b) {}
    ~Impl() {
        for (hb_font_t* f : fonts)
            if (f) hb_font_destroy(f);
        hb_buffer_destroy(buffer);
    }

    hb_font_t* font_for(const font::Face& face) {
        const auto id = static_cast<std::size_t>(face.id());
        if (fonts.size() <= id) fonts.resize(id + 1, nullptr);
        if (!fonts[id]) {
            const Bytes& data = face.data();
            hb_blob_t* blob = hb_blob_create(reinterpret_cast<const char*>(data.data()),
                                             static_cast<unsigned>(data.size()),
                                             HB_MEMORY_MODE_READONLY, nullptr, nullptr);
            hb_face_t* hf = hb_face_create(blob, face.index());
            hb_font_t* font = hb_font_create(hf);
            // Shape in font units: positions are scaled to the size by the caller.
            const int upem = face.metrics().units_per_em;
            hb_font_set_scale(font, upem, upem);
            hb_face_destroy(hf);
            hb_blob_destroy(blob);
            fonts[id] = font;
        }
        return fonts[id];
    }

    hb_script_t script_of(char32_t cp) const { return hb_unicode_script(unicode, cp); }
};

Shaper::Shaper(font::FontBook& book) : impl_(std::make_unique<Impl>(book)) {}
Shaper::~Shaper() = default;

const Shaped& Shaper::shape(const font::Face& face, std::string_view text, Features features,
                            std::uint32_t script, Direction direction) {
    // The key is built in a reused buffer: most calls are cache hits and should not allocate.
    std::string& key = impl_->key;
    key.clear();
    key += std::to_string(face.id());
    key += features.ligatures ? 'L' : 'l';
    key += features.kerning ? 'K' : 'k';
    key += std::to_string(script);
    key += direction == Direction::RightToLeft ? 'R' : 'D';
    key += '\x1f';
    key += text;
    if (auto it = impl_->cache.find(key); it != impl_->cache.end()) return it->second;

    hb_buffer_t* buf = impl_->buffer;
    hb_buffer_reset(buf);
    hb_buffer_add_utf8(buf, text.data(), static_cast<int>(text.size()), 0, static_cast<int>(text.size()));
    hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
    if (script) hb_buffer_set_script(buf, static_cast<hb_script_t>(script));
    hb_buffer_set_direction(buf, direction == Direction::RightToLeft ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_guess_segment_properties(buf);
    hb_feature_t feats[] = {
        {HB_TAG('l', 'i', 'g', 'a'), features.ligatures ? 1u : 0u, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
        {HB_TAG('c', 'l', 'i', 'g'), features.ligatures ? 1u : 0u, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
        {HB_TAG('k', 'e', 'r', 'n'), features.kerning ? 1u : 0u, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
    };
    hb_shape(impl_->font_for(face), buf, feats, 3);

    unsigned n = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);
    Shaped out;
    out.glyphs.resize(n);
    for (unsigned i = 0; i < n; ++i) {
        ShapedGlyph& g = out.glyphs[i];
        g.gid = info[i].codepoint;
        g.cluster = info[i].cluster;
        g.x_advance = pos[i].x_advance;
        g.x_offset = pos[i].x_offset;
        g.y_offset = pos[i].y_offset;
        g.unsafe_to_break = (hb_glyph_info_get_glyph_flags(&info[i]) & HB_GLYPH_FLAG_UNSAFE_TO_BREAK) != 0;
        out.advance += g.x_advance;
    }
    return impl_->cache.emplace(key, std::move(out)).first->second;
}

namespace {

/// Characters that belong to the cluster before them for font selection: combining marks,
/// joiners and variation selectors.
bool extends_cluster(char32_t cp) {
    return (cp >= 0x0300 && cp <= 0x036F) || cp == 0x200C || cp == 0x200D ||
           (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
           (cp >= 0xE0100 && cp <= 0xE01EF) || (cp >= 0xE0020 && cp <= 0xE007F);
}

}  // namespace

std::vector<Segment> Shaper::itemize(std::string_view text, const font::Face* primary,
                                     std::span<const font::Face* const> fallbacks,
                                     font::FaceStyle style, const SourceLocation& where,
                                     DiagnosticSink& sink) {
    std::vector<Segment> out;
    hb_script_t run_script = HB_SCRIPT_COMMON;
    const font::Face* run_face = nullptr;

    auto choose = [&](char32_t cp) -> const font::Face* {
        // The role's own face first; among fallbacks, the one already in use (one face per run).
        if (primary && primary->covers(cp)) return primary;
        if (run_face && run_face->covers(cp)) return run_face;
        for (const font::Face* f : fallbacks)
            if (f && f->covers(cp)) return f;
        if (const font::Face* f = impl_->book.fallback_for(cp, style, sink)) return f;
        if (impl_->warned_missing.insert(cp).second) {
            char hex[16];
            std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(cp));
            sink.warn("font.glyph", where, std::string("no font has a glyph for ") + hex);
        }
        return run_face ? run_face : primary;
    };

    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t start = pos;
        const char32_t cp = utf8::decode(text, pos);
        hb_script_t sc = impl_->script_of(cp);
        const bool neutral = sc == HB_SCRIPT_COMMON || sc == HB_SCRIPT_INHERITED || sc == HB_SCRIPT_UNKNOWN;
        const bool whitespace = cp == ' ' || cp == '\t' || cp == 0xA0;
        const font::Face* face;
        if (!out.empty() && (extends_cluster(cp) || (whitespace && run_face && run_face->covers(cp)))) {
            face = run_face;
        } else {
            // A different script starts a new run: the face is chosen afresh for it.
            if (!neutral && sc != run_script && run_script != HB_SCRIPT_COMMON) run_face = nullptr;
            face = choose(cp);
        }
        if (!neutral) {
            if (!out.empty() && run_script == HB_SCRIPT_COMMON && out.back().face == face)
                out.back().script = sc;  // a neutral prefix takes the script that follows it
            run_script = sc;
        }
        if (!out.empty() && out.back().face == face &&
            (neutral || out.back().script == static_cast<std::uint32_t>(sc) || out.back().script == 0)) {
            out.back().end = pos;
            if (!neutral) out.back().script = sc;
        } else {
            out.push_back({start, pos, face, neutral ? 0u : static_cast<std::uint32_t>(sc),
                           Direction::LeftToRight});
        }
        run_face = face;
    }
    for (Segment& s : out) {
        if (s.script && hb_script_get_horizontal_direction(static_cast<hb_script_t>(s.script)) == HB_DIRECTION_RTL)
            s.direction = Direction::RightToLeft;
    }
    return out;
}

}  // namespace galley::shape
