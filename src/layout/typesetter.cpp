// Inline typesetting: spans -> words shaped once each -> boxes, glue and penalties -> lines
// broken by linebreak/ -> positioned glyph runs, link areas and inline decorations.
#include "layout/typesetter.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "base/utf8.h"
#include "linebreak/linebreak.h"

namespace galley::layout {

namespace lb = linebreak;

namespace {

/// A run of shaped glyphs of one face and span: a view into the shaper's cache (so words are
/// not copied per occurrence), with the text it came from (a view into the span).
struct Piece {
    const font::Face* face = nullptr;
    std::size_t span = 0;
    const shape::ShapedGlyph* glyphs = nullptr;
    std::uint32_t count = 0;
    std::uint32_t cluster_base = 0;  // cluster value of the piece's first byte
    double scale = 0;                // font units to points
    std::string_view text;
    Pt width = 0;
};

/// What an item of the break list stands for.
struct Payload {
    std::size_t piece = 0;  // Box: index into pieces
    std::size_t span = 0;   // Glue: the span whose space it is
    const font::Face* face = nullptr;  // Glue: face of the space glyph
    std::uint32_t space_gid = 0;
};

constexpr Pt kFill = 1e6;  // \parfillskip-like stretch at the end of a paragraph

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// Characters after which a long token (URL, path, identifier) may break as a last resort.
bool url_break_after(char c) {
    return c == '/' || c == '.' || c == '_' || c == '-' || c == '#' || c == '?' || c == '&' || c == '=';
}

}  // namespace

struct Typesetter::Impl {
    const style::Style& style;
    font::FontBook& book;
    shape::Shaper& shaper;
    DiagnosticSink& sink;
    std::map<std::pair<std::string, font::FaceStyle>, const font::Face*> faces;
    std::map<font::FaceStyle, std::vector<const font::Face*>> fallbacks;

    Impl(const style::Style& s, font::FontBook& b, shape::Shaper& sh, DiagnosticSink& d)
        : style(s), book(b), shaper(sh), sink(d) {}

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

    /// Shapes `text` in `span_style` into pieces, one per face segment.
    void shape_into(std::string_view text, const SpanStyle& ss, std::size_t span_index,
                    const SourceLocation& where, std::vector<Piece>& out) {
        const font::Face* primary = face(ss.family, ss.face_style);
        if (!primary) return;
        const auto& fb = fallback_faces(ss.face_style);
        for (const shape::Segment& seg : shaper.itemize(text, primary, fb, ss.face_style, where, sink)) {
            const std::string_view part = text.substr(seg.begin, seg.end - seg.begin);
            const shape::Shaped& shaped = shaper.shape(*seg.face, part, ss.features, seg.script, seg.direction);
            Piece p;
            p.face = seg.face;
            p.span = span_index;
            p.text = part;
            p.glyphs = shaped.glyphs.data();
            p.count = static_cast<std::uint32_t>(shaped.glyphs.size());
            p.scale = ss.size / seg.face->metrics().units_per_em;
            p.width = shaped.advance * p.scale;
            out.push_back(p);
        }
    }

    /// Splits a piece between clusters, one piece per cluster (the last resort for a word
    /// wider than the measure).
    static std::vector<Piece> split_by_cluster(const Piece& p) {
        std::vector<Piece> out;
        std::uint32_t i = 0;
        while (i < p.count) {
            std::uint32_t j = i + 1;
            while (j < p.count && p.glyphs[j].cluster == p.glyphs[i].cluster) ++j;
            const std::uint32_t begin = p.glyphs[i].cluster - p.cluster_base;
            const std::uint32_t end = j < p.count ? p.glyphs[j].cluster - p.cluster_base
                                                  : static_cast<std::uint32_t>(p.text.size());
            Piece q = p;
            q.glyphs = p.glyphs + i;
            q.count = j - i;
            q.cluster_base = p.glyphs[i].cluster;
            q.text = p.text.substr(begin, end > begin ? end - begin : 0);
            q.width = 0;
            for (std::uint32_t k = i; k < j; ++k) q.width += p.glyphs[k].x_advance * p.scale;
            out.push_back(q);
            i = j;
        }
        return out;
    }

    /// The piece's glyphs in points, clusters relative to `offset` in a run's text.
    static void append_glyphs(const Piece& p, std::uint32_t offset, std::vector<frame::Glyph>& out) {
        for (std::uint32_t k = 0; k < p.count; ++k) {
            const shape::ShapedGlyph& g = p.glyphs[k];
            out.push_back({g.gid, static_cast<float>(g.x_advance * p.scale), static_cast<float>(g.x_offset * p.scale),
                           static_cast<float>(g.y_offset * p.scale), g.cluster - p.cluster_base + offset});
        }
    }
};

Typesetter::Typesetter(const style::Style& style, font::FontBook& book, shape::Shaper& shaper,
                       DiagnosticSink& sink)
    : impl_(std::make_unique<Impl>(style, book, shaper, sink)) {}

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
    std::vector<Piece> pieces;
    impl_->shape_into(text, style, 0, {}, pieces);
    Pt w = 0;
    for (const Piece& p : pieces) w += p.width;
    return w;
}

std::vector<frame::Item> Typesetter::set_text(std::string_view text, const SpanStyle& style, Point origin) {
    std::vector<Piece> pieces;
    impl_->shape_into(text, style, 0, {}, pieces);
    std::vector<frame::Item> out;
    Pt x = origin.x;
    for (Piece& p : pieces) {
        frame::GlyphRun run;
        run.face = p.face;
        run.size = style.size;
        run.color = style.color;
        run.origin = {x, origin.y + style.rise};
        Impl::append_glyphs(p, 0, run.glyphs);
        run.text = std::string(p.text);
        x += p.width;
        out.push_back(std::move(run));
    }
    return out;
}

std::vector<SetLine> Typesetter::set_paragraph(const std::vector<Span>& spans, const ParagraphStyle& para) {
    Impl& im = *impl_;
    std::vector<Piece> pieces;
    std::vector<lb::Item> items;
    std::vector<Payload> payload;
    bool warned_overfull = false;

    auto push_box = [&](const Piece& p) {
        items.push_back(lb::Item::box(p.width));
        payload.push_back({pieces.size()});
        pieces.push_back(std::move(p));
    };
    auto push_penalty = [&](double penalty, bool flagged) {
        items.push_back(lb::Item::penalty_item(0, penalty, flagged));
        payload.push_back({});
    };
    auto push_forced_break = [&] {
        items.push_back(lb::Item::glue(0, kFill, 0));
        payload.push_back({});
        items.push_back(lb::Item::penalty_item(0, -lb::kInfinitePenalty));
        payload.push_back({});
    };

    const Pt narrowest = std::max<Pt>(1, para.width - para.first_indent);
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
                const shape::Shaped& sh = im.shaper.shape(*primary, " ", ss.features);
                const double scale = ss.size / primary->metrics().units_per_em;
                const Pt w = sh.advance * scale;
                items.push_back(lb::Item::glue(w, w / 2, w / 3));
                payload.push_back({0, si, primary, sh.glyphs.empty() ? 0 : sh.glyphs[0].gid});
                continue;
            }
            std::size_t j = i;
            while (j < text.size() && !is_space(text[j])) ++j;
            const std::string_view word = text.substr(i, j - i);
            // Long tokens may break after URL punctuation, at a cost paid only when needed.
            const bool breakable = para.allow_url_breaks &&
                                   (word.size() > 16 || !ss.link_uri.empty() || ss.code);
            std::size_t k = 0;
            while (k < word.size()) {
                std::size_t e = k;
                while (e < word.size()) {
                    const char c = word[e++];
                    if (e < word.size() && ((c == '-' && e > k + 1) || (breakable && url_break_after(c)))) break;
                }
                const std::size_t before = pieces.size();
                std::vector<Piece> parts;
                im.shape_into(word.substr(k, e - k), ss, si, sp.location, parts);
                for (Piece& p : parts) {
                    if (p.width > narrowest) {
                        if (!warned_overfull) {
                            warned_overfull = true;
                            im.sink.warn("line.overfull", sp.location,
                                         "a word is wider than the line and was broken: '" +
                                             std::string(p.text.substr(0, 40)) + (p.text.size() > 40 ? "…'" : "'"));
                        }
                        bool first = true;
                        for (const Piece& q : Impl::split_by_cluster(p)) {
                            if (!first) push_penalty(5000, false);
                            first = false;
                            push_box(q);
                        }
                    } else {
                        push_box(p);
                    }
                }
                if (e < word.size() && pieces.size() > before) {
                    const bool hyphen = word[e - 1] == '-';
                    push_penalty(hyphen ? 50 : 200, hyphen);
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
    push_forced_break();

    lb::Params params;
    params.line_widths = {para.width - para.first_indent, para.width};
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

    std::vector<SetLine> lines;
    std::size_t start = 0;
    for (std::size_t li = 0; li < breaks.size(); ++li) {
        const lb::Break& br = breaks[li];
        // Skip discardable items at the line start.
        while (start < br.position && items[start].type != lb::ItemType::Box) ++start;
        const bool last_in_block = li + 1 == breaks.size() ||
                                   (items[br.position].type == lb::ItemType::Penalty &&
                                    items[br.position].penalty <= -lb::kInfinitePenalty);
        const double ratio = (para.justify && !last_in_block) ? br.ratio : std::min(0.0, br.ratio);

        SetLine line;
        line.height = para.leading;
        line.baseline = baseline;
        Pt x = li == 0 ? para.first_indent : 0;
        frame::GlyphRun run;
        struct Mark {
            Pt x0, x1;
            std::size_t span;
        };
        std::vector<Mark> marks;
        auto flush = [&] {
            if (!run.glyphs.empty()) line.items.emplace_back(std::move(run));
            run = frame::GlyphRun{};
        };
        // Starts a new run unless the last one has the same face, size, colour and baseline.
        auto open_run = [&](const font::Face* face, const SpanStyle& ss, Pt x0) {
            if (!run.glyphs.empty() && (run.face != face || run.size != ss.size || !(run.color == ss.color) ||
                                        run.origin.y != -baseline + ss.rise))
                flush();
            if (run.glyphs.empty()) {
                run.face = face;
                run.size = ss.size;
                run.color = ss.color;
                run.origin = {x0, -baseline + ss.rise};
            }
        };
        for (std::size_t it = start; it < br.position; ++it) {
            const lb::Item& item = items[it];
            if (item.type == lb::ItemType::Box) {
                const Piece& p = pieces[payload[it].piece];
                open_run(p.face, spans[p.span].style, x);
                Impl::append_glyphs(p, static_cast<std::uint32_t>(run.text.size()), run.glyphs);
                run.text += p.text;
                marks.push_back({x, x + p.width, p.span});
                x += p.width;
            } else if (item.type == lb::ItemType::Glue && payload[it].face) {
                Pt w = item.width;
                if (ratio > 0) w += ratio * item.stretch;
                if (ratio < 0) w += ratio * item.shrink;
                const Payload& pl = payload[it];
                const SpanStyle& ss = spans[pl.span].style;
                open_run(pl.face, ss, x);
                run.glyphs.push_back({pl.space_gid, static_cast<float>(w), 0, 0, static_cast<std::uint32_t>(run.text.size())});
                run.text += ' ';
                marks.push_back({x, x + w, pl.span});
                x += w;
            }
        }
        if (items[br.position].type == lb::ItemType::Penalty && items[br.position].width > 0)
            x += items[br.position].width;
        flush();
        line.width = x;

        // Inline decorations: code shading under the text, strike-through over it, link areas.
        std::vector<frame::Item> under, over;
        for (std::size_t m = 0; m < marks.size();) {
            std::size_t n = m + 1;
            while (n < marks.size() && marks[n].span == marks[m].span) ++n;
            // Trailing space inside a span is not decorated.
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
