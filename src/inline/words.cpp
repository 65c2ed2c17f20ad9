#include "inline/words.h"

#include <algorithm>

#include "base/utf8.h"

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

bool is_apostrophe(char32_t c) { return c == '\'' || c == 0x2019; }

}  // namespace

const font::Face* WordShaper::face(const std::string& family, font::FaceStyle fs) {
    if (last_face_ && last_face_->first.second == fs && last_face_->first.first == family) return last_face_->second;
    auto key = std::make_pair(family, fs);
    auto it = faces_.find(key);
    if (it == faces_.end()) it = faces_.emplace(key, book_.face(family, fs, sink_)).first;
    last_face_ = &*it;
    return it->second;
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

std::uint64_t WordShaper::WordStyle::hash() const {
    const int dir = direction ? 1 + static_cast<int>(*direction) : 0;
    return static_cast<std::uint64_t>(primary) << 9 | among_cjk << 8 | style.bold << 7 | style.italic << 6 |
           features.ligatures << 5 | features.kerning << 4 | dir;
}

ShapedSegment WordShaper::shape_segment(std::string_view text, const shape::Segment& seg,
                                        const shape::Features& features, std::optional<shape::Direction> direction) {
    ShapedSegment s{static_cast<std::uint32_t>(seg.begin), static_cast<std::uint32_t>(seg.end), seg.face,
                    seg.script, direction.value_or(seg.direction)};
    s.whole = &shaper_.shape(*seg.face, text.substr(seg.begin, seg.end - seg.begin), features, s.script, s.direction);
    for (std::size_t i = 1; i < s.whole->glyphs.size(); ++i)
        if (s.whole->glyphs[i].cluster < s.whole->glyphs[i - 1].cluster) s.monotonic = false;
    return s;
}

void WordShaper::shape_words(std::string_view text, const SpanStyle& ss, std::size_t span_index,
                             const SourceLocation& where, std::vector<Word>& out,
                             std::optional<shape::Direction> direction, std::size_t offset, bool among_cjk) {
    const font::Face* primary = face(ss.family, ss.face_style);
    if (!primary) return;
    const auto add = [&](const ShapedSegment& s, WordEntry* entry) {
        out.push_back({s.face, span_index, text.substr(s.begin, s.end - s.begin), s.script, s.direction, s.whole,
                       ss.size / s.face->metrics().units_per_em, s.monotonic, entry});
    };
    const WordStyle key{primary->id(), ss.face_style, ss.features, direction, among_cjk};
    WordEntry* entry = words_.find(key, text);
    if (!entry) {
        const shape::FallbackFaces fb = [this, fs = ss.face_style] {
            return std::span<const font::Face* const>(fallback_faces(fs));
        };
        const shape::Itemization items = shaper_.itemize(text, primary, fb, ss.face_style, where, sink_, offset, among_cjk);
        if (!items.primary_only || items.segments.empty()) {
            for (const shape::Segment& seg : items.segments) add(shape_segment(text, seg, ss.features, direction), nullptr);
            return;
        }
        WordEntry fresh{shape_segment(text, items.segments[0], ss.features, direction)};
        for (std::size_t i = 1; i < items.segments.size(); ++i)
            fresh.more.push_back(shape_segment(text, items.segments[i], ss.features, direction));
        entry = &words_.insert(key, text, std::move(fresh));
    }
    add(entry->first, entry->more.empty() ? entry : nullptr);
    for (const ShapedSegment& s : entry->more) add(s, nullptr);
}

/// WordShaper::hyphenation_points, computed.
std::vector<std::uint32_t> WordShaper::find_hyphenation_points(std::string_view word) {
    std::size_t begin = 0, end = word.size();
    // A word with a digit is a name, a version or a unit ("H2O", "v2beta", "x86"): as typed.
    if (std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; })) return {};
    // Trim leading and trailing non-letters ("(word)," -> "word").
    for (std::size_t pos = 0; pos < word.size();) {
        const std::size_t at = pos;
        if (shape::is_hyphenatable_letter(utf8::decode(word, pos))) {
            begin = at;
            break;
        }
        begin = pos;
    }
    for (std::size_t pos = begin; pos < word.size();) {
        const char32_t c = utf8::decode(word, pos);
        if (shape::is_hyphenatable_letter(c)) end = pos;
    }
    if (end <= begin) return {};
    std::vector<std::uint32_t> out;
    std::size_t part = begin;
    for (std::size_t pos = begin; pos <= end;) {
        const std::size_t at = pos;
        const char32_t c = pos < end ? utf8::decode(word, pos) : U' ';
        if (pos == at) ++pos;
        if (shape::is_hyphenatable_letter(c)) continue;
        if (!is_apostrophe(c) && at < end) return {};
        for (std::size_t p : hyphenator_->points(word.substr(part, at - part)))
            out.push_back(static_cast<std::uint32_t>(part + p));
        part = pos;
    }
    return out;
}

std::span<const std::uint32_t> WordShaper::hyphenation_points(const Word& w) {
    if (!hyphenator_) return {};
    if (!w.entry) return fresh_points_ = find_hyphenation_points(w.text);
    if (!w.entry->hyphenation) w.entry->hyphenation = find_hyphenation_points(w.text);
    return *w.entry->hyphenation;
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
    const std::size_t at = out.size();
    out.resize(at + v.count);  // grows geometrically, and the loop below writes without checks
    for (std::uint32_t k = 0; k < v.count; ++k) {
        const shape::ShapedGlyph& g = v.glyphs[k];
        out[at + k] = {g.gid, static_cast<float>(g.x_advance * v.scale), static_cast<float>(g.x_offset * v.scale),
                       static_cast<float>(g.y_offset * v.scale), g.cluster - v.cluster_base + offset};
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
