#include "inline/words.h"

#include <algorithm>

namespace galley::inlines {

namespace {

/// Index of the first glyph of `w`'s whole shaping whose cluster is at or after `b`, if the
/// shaping may be cut there (HarfBuzz's unsafe-to-break flag is clear); -1 otherwise.
long cut_at(const Word& w, std::uint32_t b) {
    const auto& g = w.whole->glyphs;
    if (b == 0) return 0;
    if (b >= w.text.size()) return static_cast<long>(g.size());
    if (!w.monotonic) return -1;
    const auto it = std::lower_bound(g.begin(), g.end(), b,
                                     [](const shape::ShapedGlyph& x, std::uint32_t v) { return x.cluster < v; });
    if (it == g.end() || it->cluster != b || it->unsafe_to_break) return -1;
    return it - g.begin();
}

}  // namespace

const font::Face* WordShaper::face(const std::string& family, font::FaceStyle fs) {
    auto key = std::make_pair(family, fs);
    if (auto it = faces_.find(key); it != faces_.end()) return it->second;
    return faces_[key] = book_.face(family, fs, sink_);
}

const std::vector<const font::Face*>& WordShaper::fallback_faces(font::FaceStyle fs) {
    auto it = fallbacks_.find(fs);
    if (it != fallbacks_.end()) return it->second;
    std::vector<const font::Face*> list;
    // Fallback families are optional: one that is not installed is skipped silently.
    DiagnosticSink ignored;
    for (const std::string& fam : style_.fallback_families)
        if (const font::Face* f = book_.face(fam, fs, ignored)) list.push_back(f);
    for (const std::string* fam : {&style_.body.family, &style_.heading[0].family, &style_.code.family})
        if (const font::Face* f = face(*fam, fs)) list.push_back(f);
    return fallbacks_[fs] = std::move(list);
}

void WordShaper::shape_words(std::string_view text, const SpanStyle& ss, std::size_t span_index,
                             const SourceLocation& where, std::vector<Word>& out,
                             std::optional<shape::Direction> direction, std::size_t offset) {
    const font::Face* primary = face(ss.family, ss.face_style);
    if (!primary) return;
    const shape::FallbackFaces fb = [this, fs = ss.face_style] {
        return std::span<const font::Face* const>(fallback_faces(fs));
    };
    for (const shape::Segment& seg : shaper_.itemize(text, primary, fb, ss.face_style, where, sink_, offset)) {
        Word w;
        w.face = seg.face;
        w.span = span_index;
        w.text = text.substr(seg.begin, seg.end - seg.begin);
        w.script = seg.script;
        w.direction = direction.value_or(seg.direction);
        w.whole = &shaper_.shape(*seg.face, w.text, ss.features, seg.script, w.direction);
        w.scale = ss.size / seg.face->metrics().units_per_em;
        for (std::size_t i = 1; i < w.whole->glyphs.size(); ++i)
            if (w.whole->glyphs[i].cluster < w.whole->glyphs[i - 1].cluster) w.monotonic = false;
        out.push_back(w);
    }
}

GlyphView WordShaper::view(const Word& w, std::uint32_t b, std::uint32_t e, const SpanStyle& ss) {
    GlyphView v;
    v.scale = w.scale;
    const long i = cut_at(w, b), j = cut_at(w, e);
    if (i >= 0 && j >= i) {
        v.glyphs = w.whole->glyphs.data() + i;
        v.count = static_cast<std::uint32_t>(j - i);
        v.cluster_base = b;
    } else {
        const shape::Shaped& part = shaper_.shape(*w.face, w.text.substr(b, e - b), ss.features, w.script, w.direction);
        v.glyphs = part.glyphs.data();
        v.count = static_cast<std::uint32_t>(part.glyphs.size());
    }
    for (std::uint32_t k = 0; k < v.count; ++k) v.width += v.glyphs[k].x_advance * v.scale;
    return v;
}

void WordShaper::append_glyphs(const GlyphView& v, std::uint32_t offset, std::vector<frame::Glyph>& out) {
    for (std::uint32_t k = 0; k < v.count; ++k) {
        const shape::ShapedGlyph& g = v.glyphs[k];
        out.push_back({g.gid, static_cast<float>(g.x_advance * v.scale), static_cast<float>(g.x_offset * v.scale),
                       static_cast<float>(g.y_offset * v.scale), g.cluster - v.cluster_base + offset});
    }
}

const shape::Shaped& WordShaper::small_text(const font::Face& f, std::string_view text, const shape::Features& ft) {
    const std::size_t key = (static_cast<std::size_t>(f.id()) * 4 + ft.ligatures * 2 + ft.kerning) * 2 + (text == "-");
    if (key >= small_.size()) small_.resize(key + 1, nullptr);
    if (!small_[key]) small_[key] = &shaper_.shape(f, text, ft);
    return *small_[key];
}

std::pair<Pt, Pt> WordShaper::vertical_metrics(const SpanStyle& ss) {
    const font::Face* f = face(ss.family, ss.face_style);
    if (!f) return {ss.size * 0.8, -ss.size * 0.2};
    const auto& m = f->metrics();
    return {font_units_to_pt(m.ascender, ss.size, m.units_per_em), font_units_to_pt(m.descender, ss.size, m.units_per_em)};
}

GlyphView WordShaper::hyphen(const font::Face& f, const SpanStyle& ss) {
    const shape::Shaped& h = small_text(f, "-", ss.features);
    GlyphView v{h.glyphs.data(), static_cast<std::uint32_t>(h.glyphs.size()), 0, ss.size / f.metrics().units_per_em, 0};
    v.width = h.advance * v.scale;
    return v;
}

shape::LineBreaker& WordShaper::breaker() {
    if (!line_breaker_) line_breaker_ = std::make_unique<shape::LineBreaker>(style_.lang);
    return *line_breaker_;
}

}  // namespace galley::inlines
