// Inline typesetting: spans -> words shaped once each -> boxes, glue and penalties -> lines
// broken by linebreak/ -> positioned glyph runs, link areas and inline decorations.
#include "layout/typesetter.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "base/utf8.h"
#include "shape/bidi.h"
#include "shape/breaks.h"

namespace galley::layout {

namespace lb = linebreak;

namespace {

/// One face segment of a word (text between spaces), shaped whole once: a view into the
/// shaper's cache, so repeated words are not copied.
struct Word {
    const font::Face* face = nullptr;
    std::size_t span = 0;
    std::string_view text;  // a view into the span's text
    std::uint32_t script = 0;
    shape::Direction direction = shape::Direction::LeftToRight;
    const shape::Shaped* whole = nullptr;
    double scale = 0;        // font units to points
    bool monotonic = true;   // clusters ascend (left-to-right): slices by cluster are possible
};

/// A breakable part of a word: bytes [begin, end) of its text.
struct Piece {
    std::size_t word = 0;
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    Pt width = 0;
};

/// Glyphs to draw for part of a word: a slice of a cached shaping.
struct GlyphView {
    const shape::ShapedGlyph* glyphs = nullptr;
    std::uint32_t count = 0;
    std::uint32_t cluster_base = 0;  // cluster value of the view's first byte
    double scale = 0;
    Pt width = 0;
};

/// What an item of the break list stands for.
struct Payload {
    std::size_t piece = 0;             // Box: index into pieces
    std::size_t span = 0;              // Glue: the span whose space it is
    const font::Face* face = nullptr;  // Glue: face of the space glyph; hyphen penalty: its face
    std::uint32_t space_gid = 0;
    bool hyphen = false;               // Penalty: a hyphen is drawn when the line breaks here
    std::size_t word = 0;              // hyphen penalty: the word it splits
    std::size_t offset = 0;            // Glue: byte offset of the space in its span's text
};


constexpr Pt kFill = 1e6;  // \parfillskip-like stretch at the end of a paragraph

// Penalties (TeX's defaults where TeX has one).
constexpr double kHyphenPenalty = 50;        // \hyphenpenalty
constexpr double kExplicitHyphenPenalty = 50;  // \exhyphenpenalty
constexpr double kUrlBreakPenalty = 200;
constexpr double kEmergencyPenalty = 5000;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }


bool is_apostrophe(char32_t c) { return c == '\'' || c == 0x2019; }

/// Letters for hyphenation: Latin, Greek, Cyrillic and their accents. Digits, punctuation and
/// symbols are not letters, and neither is any other script (no patterns are loaded for them).
bool is_letter(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
           (c >= 0x370 && c <= 0x3FF) || (c >= 0x400 && c <= 0x4FF) || (c >= 0x1E00 && c <= 0x1EFF);
}

/// Hyphenation points of a word (byte offsets), or none when it must not be hyphenated: the
/// letters between leading and trailing punctuation are hyphenated, split at apostrophes (so
/// no point touches one); a digit or any other character inside means no hyphenation.
std::vector<std::uint32_t> hyphenation_points(const lb::Hyphenator& h, std::string_view word) {
    std::size_t begin = 0, end = word.size();
    // Trim leading and trailing non-letters ("(word)," -> "word").
    for (std::size_t pos = 0; pos < word.size();) {
        const std::size_t at = pos;
        if (is_letter(utf8::decode(word, pos))) {
            begin = at;
            break;
        }
        begin = pos;
    }
    for (std::size_t pos = begin; pos < word.size();) {
        const char32_t c = utf8::decode(word, pos);
        if (is_letter(c)) end = pos;
    }
    if (end <= begin) return {};
    std::vector<std::uint32_t> out;
    std::size_t part = begin;
    for (std::size_t pos = begin; pos <= end;) {
        const std::size_t at = pos;
        const char32_t c = pos < end ? utf8::decode(word, pos) : U' ';
        if (pos == at) ++pos;
        if (is_letter(c)) continue;
        if (!is_apostrophe(c) && at < end) return {};
        for (std::size_t p : h.points(word.substr(part, at - part)))
            out.push_back(static_cast<std::uint32_t>(part + p));
        part = pos;
    }
    return out;
}

}  // namespace

struct Typesetter::Impl {
    const style::Style& style;
    font::FontBook& book;
    shape::Shaper& shaper;
    DiagnosticSink& sink;
    std::map<std::pair<std::string, font::FaceStyle>, const font::Face*> faces;
    std::map<font::FaceStyle, std::vector<const font::Face*>> fallbacks;

    TypesetterSettings settings;
    std::vector<const shape::Shaped*> small;  // see small_text()
    std::unique_ptr<shape::LineBreaker> line_breaker;

    /// UAX #14 opportunities, opened on first use (it loads ICU's rules and dictionaries).
    shape::LineBreaker& breaker() {
        if (!line_breaker) line_breaker = std::make_unique<shape::LineBreaker>(style.lang);
        return *line_breaker;
    }

    Impl(const style::Style& s, font::FontBook& b, shape::Shaper& sh, DiagnosticSink& d, TypesetterSettings t)
        : style(s), book(b), shaper(sh), sink(d), settings(t) {}

    const font::Face* face(const std::string& family, font::FaceStyle fs) {
        auto key = std::make_pair(family, fs);
        if (auto it = faces.find(key); it != faces.end()) return it->second;
        return faces[key] = book.face(family, fs, sink);
    }

    const std::vector<const font::Face*>& fallback_faces(font::FaceStyle fs) {
        auto it = fallbacks.find(fs);
        if (it != fallbacks.end()) return it->second;
        std::vector<const font::Face*> list;
        // Fallback families are optional: one that is not installed is skipped silently.
        DiagnosticSink ignored;
        for (const std::string& fam : style.fallback_families)
            if (const font::Face* f = book.face(fam, fs, ignored)) list.push_back(f);
        for (const std::string* fam : {&style.body.family, &style.heading[0].family, &style.code.family})
            if (const font::Face* f = face(*fam, fs)) list.push_back(f);
        return fallbacks[fs] = std::move(list);
    }

    /// Shapes `text` in `ss` into words, one per face segment, appended to `out`.
    /// Itemizes and shapes `text` into words of one face and script. `direction`, when given
    /// (the bidi level's), overrides the script's own: a neutral character shapes in the
    /// direction it is read (brackets mirror at odd levels) and digits at an even level inside
    /// Arabic text left to right.
    void shape_words(std::string_view text, const SpanStyle& ss, std::size_t span_index,
                     const SourceLocation& where, std::vector<Word>& out,
                     std::optional<shape::Direction> direction = std::nullopt, std::size_t offset = 0) {
        const font::Face* primary = face(ss.family, ss.face_style);
        if (!primary) return;
        const auto& fb = fallback_faces(ss.face_style);
        for (const shape::Segment& seg : shaper.itemize(text, primary, fb, ss.face_style, where, sink, offset)) {
            Word w;
            w.face = seg.face;
            w.span = span_index;
            w.text = text.substr(seg.begin, seg.end - seg.begin);
            w.script = seg.script;
            w.direction = direction.value_or(seg.direction);
            w.whole = &shaper.shape(*seg.face, w.text, ss.features, seg.script, w.direction);
            w.scale = ss.size / seg.face->metrics().units_per_em;
            for (std::size_t i = 1; i < w.whole->glyphs.size(); ++i)
                if (w.whole->glyphs[i].cluster < w.whole->glyphs[i - 1].cluster) w.monotonic = false;
            out.push_back(w);
        }
    }

    /// Index of the first glyph of `w`'s whole shaping whose cluster is at or after `b`, if the
    /// shaping may be cut there (HarfBuzz's unsafe-to-break flag is clear); -1 otherwise.
    static long cut_at(const Word& w, std::uint32_t b) {
        const auto& g = w.whole->glyphs;
        if (b == 0) return 0;
        if (b >= w.text.size()) return static_cast<long>(g.size());
        if (!w.monotonic) return -1;
        const auto it = std::lower_bound(g.begin(), g.end(), b,
                                         [](const shape::ShapedGlyph& x, std::uint32_t v) { return x.cluster < v; });
        if (it == g.end() || it->cluster != b || it->unsafe_to_break) return -1;
        return it - g.begin();
    }

    /// The glyphs that draw bytes [b, e) of a word: a slice of its whole shaping where both
    /// ends may be cut, else that part reshaped (reshape only where HarfBuzz says it must).
    GlyphView view(const Word& w, std::uint32_t b, std::uint32_t e, const SpanStyle& ss) {
        GlyphView v;
        v.scale = w.scale;
        const long i = cut_at(w, b), j = cut_at(w, e);
        if (i >= 0 && j >= i) {
            v.glyphs = w.whole->glyphs.data() + i;
            v.count = static_cast<std::uint32_t>(j - i);
            v.cluster_base = b;
        } else {
            const shape::Shaped& part = shaper.shape(*w.face, w.text.substr(b, e - b), ss.features, w.script, w.direction);
            v.glyphs = part.glyphs.data();
            v.count = static_cast<std::uint32_t>(part.glyphs.size());
        }
        for (std::uint32_t k = 0; k < v.count; ++k) v.width += v.glyphs[k].x_advance * v.scale;
        return v;
    }

    /// The view's glyphs in points, clusters relative to `offset` in a run's text.
    static void append_glyphs(const GlyphView& v, std::uint32_t offset, std::vector<frame::Glyph>& out) {
        for (std::uint32_t k = 0; k < v.count; ++k) {
            const shape::ShapedGlyph& g = v.glyphs[k];
            out.push_back({g.gid, static_cast<float>(g.x_advance * v.scale), static_cast<float>(g.x_offset * v.scale),
                           static_cast<float>(g.y_offset * v.scale), g.cluster - v.cluster_base + offset});
        }
    }

    /// A short text ("-", " ") shaped in a face, remembered per face and features: these are
    /// asked for at every space and hyphenation point.
    const shape::Shaped& small_text(const font::Face& f, std::string_view text, const shape::Features& ft) {
        const std::size_t key = (static_cast<std::size_t>(f.id()) * 4 + ft.ligatures * 2 + ft.kerning) * 2 + (text == "-");
        if (key >= small.size()) small.resize(key + 1, nullptr);
        if (!small[key]) small[key] = &shaper.shape(f, text, ft);
        return *small[key];
    }

    /// The hyphen glyphs of a face at a span's size.
    GlyphView hyphen(const font::Face& f, const SpanStyle& ss) {
        const shape::Shaped& h = small_text(f, "-", ss.features);
        GlyphView v{h.glyphs.data(), static_cast<std::uint32_t>(h.glyphs.size()), 0,
                    ss.size / f.metrics().units_per_em, 0};
        v.width = h.advance * v.scale;
        return v;
    }
};

bool breaks_after(std::string_view token, std::size_t part_start, std::size_t at, std::size_t end, char32_t c,
                  bool url_like) {
    if (end >= token.size()) return false;
    const char next = token[end];
    // No break after a hyphen before a digit ("MOB-811", "-5"), as UAX #14 says.
    if (c == '-' && at > part_start && !(next >= '0' && next <= '9')) return true;
    if (!url_like) return false;
    if (c == '/') return next != '/';  // "https://" stays whole up to its second slash
    return c == '.' || c == '_' || c == '-' || c == '#' || c == '?' || c == '&' || c == '=';
}

Typesetter::Typesetter(const style::Style& style, font::FontBook& book, shape::Shaper& shaper,
                       DiagnosticSink& sink, TypesetterSettings settings)
    : impl_(std::make_unique<Impl>(style, book, shaper, sink, settings)) {}

Typesetter::~Typesetter() = default;

const font::Face* Typesetter::face(const SpanStyle& s) { return impl_->face(s.family, s.face_style); }

std::pair<Pt, Pt> Typesetter::vertical_metrics(const SpanStyle& s) {
    const font::Face* f = face(s);
    if (!f) return {s.size * 0.8, -s.size * 0.2};
    const auto& m = f->metrics();
    return {font_units_to_pt(m.ascender, s.size, m.units_per_em),
            font_units_to_pt(m.descender, s.size, m.units_per_em)};
}

Pt Typesetter::measure(std::string_view text, const SpanStyle& style) {
    std::vector<Word> words;
    impl_->shape_words(text, style, 0, {}, words);
    Pt w = 0;
    for (const Word& word : words) w += word.whole->advance * word.scale;
    return w;
}

std::vector<frame::Item> Typesetter::set_text(std::string_view text, const SpanStyle& style, Point origin,
                                              shape::ParagraphDirection direction, const SourceLocation& where) {
    std::vector<Word> words;
    std::optional<shape::BidiParagraph> bidi;
    if (direction == shape::ParagraphDirection::RightToLeft || utf8::may_hold_rtl(text)) {
        bidi.emplace(text, direction);
        if (bidi->all_left_to_right()) bidi.reset();
    }
    if (!bidi) {
        impl_->shape_words(text, style, 0, where, words);
    } else {
        // Runs of one level in visual order; the words of a right-to-left run are read right
        // to left, so they are drawn last first.
        for (const shape::BidiRun& r : bidi->visual_runs(0, text.size())) {
            const std::size_t first = words.size();
            impl_->shape_words(text.substr(r.begin, r.end - r.begin), style, 0, where, words, r.direction(), r.begin);
            if (r.direction() == shape::Direction::RightToLeft)
                std::reverse(words.begin() + static_cast<std::ptrdiff_t>(first), words.end());
        }
    }
    std::vector<frame::Item> out;
    Pt x = origin.x;
    for (const Word& w : words) {
        const GlyphView v = impl_->view(w, 0, static_cast<std::uint32_t>(w.text.size()), style);
        frame::GlyphRun run;
        run.face = w.face;
        run.size = style.size;
        run.color = style.color;
        run.origin = {x, origin.y + style.rise};
        Impl::append_glyphs(v, 0, run.glyphs);
        run.text = std::string(w.text);
        run.right_to_left = w.direction == shape::Direction::RightToLeft;
        x += v.width;
        out.push_back(std::move(run));
    }
    return out;
}

std::vector<SetLine> Typesetter::set_paragraph(const std::vector<Span>& spans, const ParagraphStyle& para) {
    Impl& im = *impl_;
    std::vector<Word> words;
    std::vector<Piece> pieces;
    std::vector<lb::Item> items;
    std::vector<Payload> payload;
    bool warned_overfull = false;
    const lb::Hyphenator* hyphenator = para.hyphenate ? im.settings.hyphenator : nullptr;
    const Pt narrowest = std::max<Pt>(1, para.width - para.first_indent);

    auto push_piece = [&](std::size_t word, std::uint32_t b, std::uint32_t e) {
        const Word& w = words[word];
        const Pt width = im.view(w, b, e, spans[w.span].style).width;
        items.push_back(lb::Item::box(width));
        payload.push_back({pieces.size()});
        pieces.push_back({word, b, e, width});
    };
    auto push_penalty = [&](double width, double penalty, bool flagged, Payload pl = {}) {
        items.push_back(lb::Item::penalty_item(width, penalty, flagged));
        payload.push_back(pl);
    };
    auto push_forced_break = [&] {
        items.push_back(lb::Item::glue(0, kFill, 0));
        payload.push_back({});
        push_penalty(0, -lb::kInfinitePenalty, false);
    };

    /// Boxes for bytes [b, e) of word `wi`; a part wider than the measure is cut between
    /// clusters as a last resort.
    auto push_part = [&](std::size_t wi, std::uint32_t b, std::uint32_t e, const Span& sp) {
        const Word& w = words[wi];
        if (im.view(w, b, e, sp.style).width <= narrowest + lb::kWidthTolerance) {
            push_piece(wi, b, e);
            return;
        }
        if (!warned_overfull) {
            warned_overfull = true;
            const std::string_view t = w.text.substr(b, e - b);
            im.sink.warn("line.overfull", sp.location,
                         "a word is wider than the line and was broken: '" + std::string(t.substr(0, 40)) +
                             (t.size() > 40 ? "…'" : "'"));
        }
        std::vector<std::uint32_t> cuts;
        for (const shape::ShapedGlyph& g : w.whole->glyphs)
            if (g.cluster > b && g.cluster < e && (cuts.empty() || cuts.back() != g.cluster)) cuts.push_back(g.cluster);
        std::sort(cuts.begin(), cuts.end());
        cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
        std::uint32_t from = b;
        for (std::uint32_t c : cuts) {
            push_piece(wi, from, c);
            push_penalty(0, kEmergencyPenalty, false);
            from = c;
        }
        push_piece(wi, from, e);
    };

    // Bidi (UAX #9): levels resolved on the whole paragraph, lines reordered after breaking.
    std::string logical;
    std::vector<std::size_t> span_start;
    for (const Span& sp : spans) {
        span_start.push_back(logical.size());
        logical += sp.hard_break ? std::string_view(" ") : std::string_view(sp.text);
    }
    std::optional<shape::BidiParagraph> bidi;
    if (para.direction != shape::ParagraphDirection::Auto || utf8::may_hold_rtl(logical)) {
        bidi.emplace(logical, para.direction);
        if (bidi->all_left_to_right()) bidi.reset();
    }
    const bool rtl_paragraph = bidi && bidi->base_level() % 2 == 1;

    for (std::size_t si = 0; si < spans.size(); ++si) {
        const Span& sp = spans[si];
        if (sp.hard_break) {
            push_forced_break();
            continue;
        }
        const SpanStyle& ss = sp.style;
        const font::Face* primary = im.face(ss.family, ss.face_style);
        if (!primary) continue;
        const std::string_view text = sp.text;
        std::size_t i = 0;
        while (i < text.size()) {
            if (is_space(text[i])) {
                while (i < text.size() && is_space(text[i])) ++i;
                // Interword glue from the span's font: TeX-like stretch 1/2 and shrink 1/3.
                const shape::Shaped& sh = im.small_text(*primary, " ", ss.features);
                const Pt w = sh.advance * (ss.size / primary->metrics().units_per_em);
                items.push_back(lb::Item::glue(w, w / 2, w / 3));
                // Its glyph comes from the face of the word before when that face has one, so
                // text in a fallback face (Arabic, Hebrew) stays one glyph run across spaces.
                const font::Face* space_face = primary;
                std::uint32_t space_gid = sh.glyphs.empty() ? 0 : sh.glyphs[0].gid;
                if (!words.empty() && words.back().span == si && words.back().face != primary)
                    if (const std::uint32_t gid = words.back().face->glyph_for(' '))
                        space_face = words.back().face, space_gid = gid;
                payload.push_back({0, si, space_face, space_gid, false, 0, i - 1});
                continue;
            }
            std::size_t j = i;
            while (j < text.size() && !is_space(text[j])) ++j;
            const std::string_view token = text.substr(i, j - i);
            // Long tokens may break after URL punctuation, at a cost paid only when needed.
            const bool url_like =
                para.allow_url_breaks && (token.size() > kUrlLikeToken || !ss.link_uri.empty() || ss.code);
            const bool may_hyphenate = hyphenator && !ss.code && ss.link_uri.empty();
            // Scripts written without spaces (CJK, Thai, ...) break where UAX #14 allows.
            std::vector<std::size_t> script_breaks;
            if (std::any_of(token.begin(), token.end(), [](char c) { return static_cast<unsigned char>(c) >= 0xE0; }))
                for (const shape::BreakOpportunity& b : im.breaker().opportunities(token))
                    script_breaks.push_back(b.offset);
            std::size_t next_script_break = 0;
            std::size_t k = 0;
            while (k < token.size()) {
                // A part ends after an explicit hyphen, a soft hyphen, URL punctuation, or at a
                // UAX #14 opportunity inside the token.
                std::size_t e = k;
                bool soft = false, script = false;
                while (e < token.size()) {
                    const std::size_t at = e;
                    const char32_t c = utf8::decode(token, e);
                    if (e >= token.size()) break;
                    while (next_script_break < script_breaks.size() && script_breaks[next_script_break] < e)
                        ++next_script_break;
                    if (next_script_break < script_breaks.size() && script_breaks[next_script_break] == e) {
                        script = true;
                        break;
                    }
                    if (c == 0xAD) {
                        soft = true;
                        break;
                    }
                    if (breaks_after(token, k, at, e, c, url_like)) break;
                }
                const std::string_view part = token.substr(k, e - k);
                const std::size_t first_word = words.size();
                const auto in_span = static_cast<std::size_t>(part.data() - sp.text.data());  // for warnings' columns
                if (bidi) {
                    // Characters of different embedding levels are separate words, so each
                    // can take its place when the line is reordered ("2." in Hebrew text).
                    const std::size_t base = span_start[si] + in_span;
                    std::size_t from = 0;
                    for (std::size_t pos = 0; pos < part.size();) {
                        const std::size_t at = pos;
                        utf8::decode(part, pos);
                        if (pos == part.size() || bidi->level_at(base + pos) != bidi->level_at(base + at)) {
                            const shape::Direction dir = bidi->level_at(base + at) % 2 ? shape::Direction::RightToLeft
                                                                                      : shape::Direction::LeftToRight;
                            im.shape_words(part.substr(from, pos - from), ss, si, sp.location, words, dir,
                                           in_span + from);
                            from = pos;
                        }
                    }
                } else {
                    im.shape_words(part, ss, si, sp.location, words, std::nullopt, in_span);
                }
                const bool one_face = words.size() == first_word + 1;
                for (std::size_t wi = first_word; wi < words.size(); ++wi) {
                    const auto len = static_cast<std::uint32_t>(words[wi].text.size());
                    std::vector<std::uint32_t> points;
                    if (may_hyphenate && one_face && !url_like) points = hyphenation_points(*hyphenator, words[wi].text);
                    std::uint32_t from = 0;
                    for (std::uint32_t p : points) {
                        push_part(wi, from, p, sp);
                        const GlyphView h = im.hyphen(*words[wi].face, ss);
                        items.push_back(lb::Item::penalty_item(h.width, kHyphenPenalty, true, true));
                        payload.push_back({0, si, words[wi].face, 0, true, wi});
                        from = p;
                    }
                    push_part(wi, from, len, sp);
                }
                if (e < token.size() && words.size() > first_word) {
                    if (script) {
                        // Inter-character glue: breakable, and it lets a line without spaces
                        // be justified.
                        items.push_back(lb::Item::glue(0, ss.size * 0.1, 0));
                        payload.push_back({0, si});
                    } else if (soft) {
                        const GlyphView h = im.hyphen(*words.back().face, ss);
                        push_penalty(h.width, kHyphenPenalty, true, {0, si, words.back().face, 0, true, words.size() - 1});
                    } else {
                        const bool hyphen = token[e - 1] == '-';
                        push_penalty(0, hyphen ? kExplicitHyphenPenalty : kUrlBreakPenalty, hyphen);
                    }
                }
                k = e;
            }
            i = j;
        }
    }
    // Trailing glue is dropped; \parfillskip and the final forced break end the paragraph.
    while (!items.empty() && items.back().type == lb::ItemType::Glue) {
        items.pop_back();
        payload.pop_back();
    }
    if (items.empty()) return {};
    // Boxes with no break between them (a token's parts in different faces or bidi levels)
    // may together be wider than the measure: then they may break between each other too.
    {
        std::vector<lb::Item> checked;
        std::vector<Payload> checked_payload;
        checked.reserve(items.size());
        checked_payload.reserve(items.size());
        Pt run = 0;
        for (std::size_t it = 0; it < items.size(); ++it) {
            if (items[it].type != lb::ItemType::Box) {
                run = 0;
            } else {
                if (run > 0 && run + items[it].width > narrowest) {
                    checked.push_back(lb::Item::penalty_item(0, kEmergencyPenalty));
                    checked_payload.push_back({});
                    run = 0;
                }
                run += items[it].width;
            }
            checked.push_back(items[it]);
            checked_payload.push_back(payload[it]);
        }
        items.swap(checked);
        payload.swap(checked_payload);
    }
    push_forced_break();

    lb::Params params;
    params.line_widths = {para.width - para.first_indent, para.width};
    params.algorithm = im.settings.algorithm;
    if (!para.justify) params.line_end_stretch = para.width / 4;
    const std::vector<lb::Break> breaks = lb::break_lines(items, params);

    // Vertical metrics from the first span: the paragraph's own font sets the baseline.
    SpanStyle base = spans.empty() ? SpanStyle{} : spans.front().style;
    for (const Span& s : spans)
        if (!s.hard_break) {
            base = s.style;
            break;
        }
    const auto [asc, desc] = vertical_metrics(base);
    const Pt baseline = (para.leading - (asc - desc)) / 2 + asc;

    LineStats* stats = im.settings.stats;
    std::size_t hyphens_in_a_row = 0;
    std::vector<SetLine> lines;
    std::size_t start = 0;
    for (std::size_t li = 0; li < breaks.size(); ++li) {
        const lb::Break& br = breaks[li];
        while (start < br.position && items[start].type != lb::ItemType::Box) ++start;
        const lb::Item& end_item = items[br.position];
        const bool last_in_block = li + 1 == breaks.size() ||
                                   (end_item.type == lb::ItemType::Penalty && end_item.penalty <= -lb::kInfinitePenalty);
        const Payload& end_pl = payload[br.position];
        const bool hyphenated = end_item.type == lb::ItemType::Penalty && end_pl.hyphen;

        // The line's elements: glyph groups (consecutive pieces of one word drawn as one
        // slice) and glue; then the natural width from the glyphs actually drawn.
        struct Element {
            GlyphView glyphs;
            const Word* word = nullptr;  // null for glue
            std::uint32_t begin = 0, end = 0;
            const lb::Item* glue = nullptr;
            std::size_t span = 0;
            bool hyphen = false;
            std::size_t offset = 0;  // byte offset in the paragraph's logical text
        };
        std::vector<Element> elements;
        Pt natural = 0, stretch = 0, shrink = 0;
        for (std::size_t it = start; it < br.position; ++it) {
            const lb::Item& item = items[it];
            if (item.type == lb::ItemType::Box) {
                const Piece& p = pieces[payload[it].piece];
                if (!elements.empty() && elements.back().word == &words[p.word] && elements.back().end == p.begin) {
                    elements.back().end = p.end;
                } else {
                    const Word& w = words[p.word];
                    const std::size_t offset =
                        span_start[w.span] + static_cast<std::size_t>(w.text.data() - spans[w.span].text.data()) + p.begin;
                    elements.push_back({{}, &w, p.begin, p.end, nullptr, w.span, false, offset});
                }
            } else if (item.type == lb::ItemType::Glue) {
                elements.push_back({{}, nullptr, 0, 0, &item, payload[it].span, false,
                                    span_start[payload[it].span] + payload[it].offset});
                natural += item.width;
                stretch += item.stretch;
                shrink += item.shrink;
            }
        }
        for (Element& el : elements)
            if (el.word) {
                el.glyphs = im.view(*el.word, el.begin, el.end, spans[el.span].style);
                natural += el.glyphs.width;
            }
        if (hyphenated) {
            const SpanStyle& ss = spans[end_pl.span].style;
            Element h{im.hyphen(*end_pl.face, ss), &words[end_pl.word], 0, 0, nullptr, end_pl.span, true,
                      elements.empty() ? 0 : elements.back().offset};
            natural += h.glyphs.width;
            elements.push_back(h);
        }
        std::vector<std::uint8_t> level(elements.size(), 0);
        if (bidi) {
            // UAX #9 L1: trailing white space returns to the paragraph level; L2: from the
            // highest level down to the lowest odd one, reverse every run at that level or higher.
            for (std::size_t e = 0; e < elements.size(); ++e) level[e] = bidi->level_at(elements[e].offset);
            for (std::size_t e = elements.size(); e-- > 0 && elements[e].glue;) level[e] = bidi->base_level();
            const std::uint8_t highest = elements.empty() ? 0 : *std::max_element(level.begin(), level.end());
            std::uint8_t lowest_odd = 255;
            for (std::uint8_t l : level)
                if (l % 2) lowest_odd = std::min(lowest_odd, l);
            for (int k = highest; k >= lowest_odd && k > 0; --k) {
                for (std::size_t e = 0; e < elements.size();) {
                    if (level[e] < k) {
                        ++e;
                        continue;
                    }
                    std::size_t f = e;
                    while (f < elements.size() && level[f] >= k) ++f;
                    std::reverse(elements.begin() + static_cast<std::ptrdiff_t>(e), elements.begin() + static_cast<std::ptrdiff_t>(f));
                    std::reverse(level.begin() + static_cast<std::ptrdiff_t>(e), level.begin() + static_cast<std::ptrdiff_t>(f));
                    e = f;
                }
            }
        }
        const Pt target = para.width - (li == 0 ? para.first_indent : 0);
        double ratio = 0;
        if (natural < target && stretch > 0) ratio = (target - natural) / stretch;
        if (natural > target && shrink > 0) ratio = (target - natural) / shrink;
        if (!para.justify || last_in_block) ratio = std::min(0.0, ratio);

        if (stats) {
            ++stats->lines;
            if (para.justify && !last_in_block) stats->ratios.push_back(static_cast<float>(ratio));
            if (br.emergency) ++stats->emergency_lines;
            hyphens_in_a_row = hyphenated ? hyphens_in_a_row + 1 : 0;
            if (hyphenated) ++stats->hyphenated_lines;
            stats->max_consecutive_hyphens = std::max(stats->max_consecutive_hyphens, hyphens_in_a_row);
        }

        SetLine line;
        line.height = para.leading;
        line.baseline = baseline;
        line.right_to_left = rtl_paragraph;
        Pt x = li == 0 ? para.first_indent : 0;
        // Lines that do not fill the measure sit where the paragraph asks: a right-to-left
        // paragraph starts at the right margin.
        if (ratio <= 0 && natural < target) {
            using Align = ParagraphStyle::Align;
            const Align align = para.align == Align::Start ? (rtl_paragraph ? Align::Right : Align::Left) : para.align;
            if (align == Align::Right) x += target - natural;
            if (align == Align::Center) x += (target - natural) / 2;
        }
        frame::GlyphRun run;
        struct Mark {
            Pt x0, x1;
            std::size_t span;
        };
        std::vector<Mark> marks;
        auto flush = [&] {
            if (!run.glyphs.empty()) {
                // Runs live until the PDF is written: drop the growth slack of push_back.
                run.glyphs.shrink_to_fit();
                run.text.shrink_to_fit();
                line.items.emplace_back(std::move(run));
            }
            run = frame::GlyphRun{};
        };
        // Starts a new run unless the last one has the same face, size, colour, baseline and
        // direction.
        auto open_run = [&](const font::Face* face, const SpanStyle& ss, Pt x0, std::uint8_t lvl) {
            const bool rtl = lvl % 2 == 1, inside = !rtl && lvl >= 2;
            if (!run.glyphs.empty() && (run.face != face || run.size != ss.size || !(run.color == ss.color) ||
                                        run.origin.y != -baseline + ss.rise || run.right_to_left != rtl ||
                                        run.inside_right_to_left != inside))
                flush();
            if (run.glyphs.empty()) {
                run.face = face;
                run.size = ss.size;
                run.color = ss.color;
                run.origin = {x0, -baseline + ss.rise};
                run.right_to_left = rtl;
                run.inside_right_to_left = inside;
            }
        };
        // Appends an element's text and glyphs (`push` adds glyphs with clusters from a base).
        // A right-to-left run gets its elements in visual order, the reverse of reading
        // order: each one's text goes before the run's, so the run text reads right.
        auto add = [&](std::string_view text, bool rtl, auto&& push) {
            if (!rtl) {
                push(static_cast<std::uint32_t>(run.text.size()));
                run.text += text;
                return;
            }
            for (frame::Glyph& g : run.glyphs) g.cluster += static_cast<std::uint32_t>(text.size());
            push(0);
            run.text.insert(0, text);
        };
        for (std::size_t ei = 0; ei < elements.size(); ++ei) {
            const Element& el = elements[ei];
            const bool rtl = level[ei] % 2 == 1;
            const SpanStyle& ss = spans[el.span].style;
            if (el.glue) {
                Pt w = el.glue->width;
                if (ratio > 0) w += ratio * el.glue->stretch;
                if (ratio < 0) w += ratio * el.glue->shrink;
                const Payload& pl = payload[static_cast<std::size_t>(el.glue - items.data())];
                if (!pl.face) {  // inter-character glue: space without a glyph
                    x += w;
                    continue;
                }
                open_run(pl.face, ss, x, level[ei]);
                add(" ", rtl, [&](std::uint32_t base) {
                    run.glyphs.push_back({pl.space_gid, static_cast<float>(w), 0, 0, base});
                });
                marks.push_back({x, x + w, el.span});
                x += w;
                continue;
            }
            open_run(el.word->face, ss, x, level[ei]);
            add(el.hyphen ? std::string_view("-") : el.word->text.substr(el.begin, el.end - el.begin), rtl,
                [&](std::uint32_t base) { Impl::append_glyphs(el.glyphs, base, run.glyphs); });
            marks.push_back({x, x + el.glyphs.width, el.span});
            x += el.glyphs.width;
        }
        flush();
        line.width = x;

        // Inline decorations: code shading under the text, strike-through over it, link areas.
        std::vector<frame::Item> under, over;
        for (std::size_t m = 0; m < marks.size();) {
            std::size_t n = m + 1;
            while (n < marks.size() && marks[n].span == marks[m].span) ++n;
            const Pt x0 = marks[m].x0, x1 = marks[n - 1].x1;
            const SpanStyle& ss = spans[marks[m].span].style;
            const auto [a, d] = vertical_metrics(ss);
            if (ss.code)
                under.push_back(frame::Box{{x0 - 1, -baseline + d - 0.5, x1 - x0 + 2, a - d + 0.5},
                                           im.style.inline_code_background, std::nullopt, 0});
            if (ss.strike) {
                const Pt y = -baseline + ss.size * 0.28;
                over.push_back(frame::Line{{x0, y}, {x1, y}, ss.size / 18, ss.color});
            }
            m = n;
        }
        // Link areas join neighbouring spans with the same target.
        for (std::size_t m = 0; m < marks.size();) {
            const SpanStyle& ss = spans[marks[m].span].style;
            std::size_t n = m + 1;
            while (n < marks.size() && spans[marks[n].span].style.link_uri == ss.link_uri &&
                   spans[marks[n].span].style.link_dest == ss.link_dest)
                ++n;
            if (!ss.link_uri.empty() || !ss.link_dest.empty()) {
                const Pt x0 = marks[m].x0, x1 = marks[n - 1].x1;
                over.push_back(frame::LinkArea{{x0, -line.height, x1 - x0, line.height}, ss.link_uri, ss.link_dest});
            }
            m = n;
        }
        std::vector<frame::Item> all = std::move(under);
        for (auto& i : line.items) all.push_back(std::move(i));
        for (auto& i : over) all.push_back(std::move(i));
        line.items = std::move(all);
        lines.push_back(std::move(line));
        start = br.position + 1;
    }
    return lines;
}

}  // namespace galley::layout
