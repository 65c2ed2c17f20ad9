// Block layout: title block, table of contents, headings, paragraphs, lists, block quotes,
// code blocks, thematic breaks, tables and footnotes, each into fragments of the vertical list.
#include "layout/layout.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "base/utf8.h"
#include "markdown/markdown.h"

namespace galley::layout {

namespace {

/// Where and how the blocks of one container are set.
struct Context {
    Pt left = 0;   // x of the text column's left edge, page space
    Pt width = 0;  // measure
    std::vector<Decoration> decorations;
    style::TextStyle text;  // body text role for this container
    int list_depth = 0;
    bool tight = false;  // inside a tight list item: no paragraph spacing
};

SpanStyle span_style(const style::TextStyle& t, bool ligatures = true) {
    SpanStyle s;
    s.family = t.family;
    s.face_style = {t.bold, t.italic};
    s.size = t.size;
    s.color = t.color;
    s.features = {ligatures, ligatures};
    return s;
}

class Layouter {
public:
    Layouter(const doc::Document& d, const style::Style& s, Typesetter& t, const Options& o, DiagnosticSink& k)
        : doc_(d), style_(s), ts_(t), opt_(o), sink_(k) {
        collect_slugs(d.blocks);
        for (const doc::Block& fn : d.footnotes) slugs_.insert(footnote_anchor(fn.number));
    }

    Flow run() {
        Context root;
        root.left = style_.margin_left;
        root.width = style_.text_width();
        root.text = style_.body;
        std::size_t first = 0;
        title_block(root, first);
        if (opt_.toc) toc(root);
        for (std::size_t i = first; i < doc_.blocks.size(); ++i) block(doc_.blocks[i], root);
        footnotes(root);
        if (flow_.fragments.empty()) flow_.fragments.push_back(Fragment{});
        return std::move(flow_);
    }

private:
    const doc::Document& doc_;
    const style::Style& style_;
    Typesetter& ts_;
    const Options& opt_;
    DiagnosticSink& sink_;
    Flow flow_;
    Pt pending_space_ = 0;
    /// Fragments after a heading that still keep with their next: a heading moves with at
    /// least two lines of what follows, even when the first is a one-line list item.
    int keep_following_ = 0;
    std::set<std::string> slugs_;

    static std::string footnote_anchor(int n) { return "fn-" + std::to_string(n); }

    void collect_slugs(const std::vector<doc::Block>& blocks) {
        for (const doc::Block& b : blocks) {
            if (b.kind == doc::BlockKind::Heading) slugs_.insert(b.slug);
            collect_slugs(b.children);
        }
    }

    // ---- vertical list -------------------------------------------------------------------

    void space(Pt s) { pending_space_ = std::max(pending_space_, s); }

    Fragment& emit(Fragment f, const Context& ctx) {
        f.space_before = std::max(f.space_before, pending_space_);
        pending_space_ = 0;
        if (keep_following_ > 0) {
            f.keep_with_next = true;
            --keep_following_;
        }
        for (const Decoration& d : ctx.decorations) f.decorations.push_back(d);
        flow_.fragments.push_back(std::move(f));
        return flow_.fragments.back();
    }

    /// Sets lines as fragments at ctx.left; returns the index of the first fragment.
    std::size_t emit_lines(std::vector<SetLine> lines, const Context& ctx, bool keep_all) {
        const std::size_t first = flow_.fragments.size();
        const std::size_t n = lines.size();
        for (std::size_t i = 0; i < n; ++i) {
            Fragment f;
            f.height = lines[i].height;
            f.baseline = lines[i].baseline;
            for (frame::Item& it : lines[i].items) {
                frame::translate(it, ctx.left, 0);
                f.items.push_back(std::move(it));
            }
            // Orphans and widows (2 lines each): the first line keeps with the second, the
            // next-to-last with the last.
            f.keep_with_next = keep_all || (n >= 2 && (i == 0 || i + 2 == n));
            emit(std::move(f), ctx);
        }
        return first;
    }

    // ---- inlines -------------------------------------------------------------------------

    void inlines_to_spans(const std::vector<doc::Inline>& ins, SpanStyle st, std::vector<Span>& out) {
        for (const doc::Inline& in : ins) {
            switch (in.kind) {
                case doc::InlineKind::Text: out.push_back({in.text, st, in.location}); break;
                case doc::InlineKind::SoftBreak: out.push_back({" ", st, in.location}); break;
                case doc::InlineKind::LineBreak: out.push_back({"", st, in.location, true}); break;
                case doc::InlineKind::Emphasis: {
                    SpanStyle s = st;
                    s.face_style.italic = !s.face_style.italic;
                    inlines_to_spans(in.children, s, out);
                    break;
                }
                case doc::InlineKind::Strong: {
                    SpanStyle s = st;
                    s.face_style.bold = true;
                    inlines_to_spans(in.children, s, out);
                    break;
                }
                case doc::InlineKind::Strikethrough: {
                    SpanStyle s = st;
                    s.strike = true;
                    inlines_to_spans(in.children, s, out);
                    break;
                }
                case doc::InlineKind::Code: {
                    SpanStyle s = st;
                    s.family = style_.code.family;
                    s.face_style = {};
                    s.size = st.size * style_.inline_code_scale;
                    s.features = {false, false};
                    s.code = true;
                    out.push_back({in.text, s, in.location});
                    break;
                }
                case doc::InlineKind::Link: {
                    SpanStyle s = st;
                    link_target(in, s);
                    inlines_to_spans(in.children, s, out);
                    break;
                }
                case doc::InlineKind::Image: {
                    check_image(in);
                    SpanStyle s = st;
                    s.face_style.italic = true;
                    inlines_to_spans(in.children, s, out);
                    break;
                }
                case doc::InlineKind::FootnoteRef: {
                    SpanStyle s = st;
                    s.size = st.size * 0.7;
                    s.rise = st.size * 0.35;
                    s.link_dest = footnote_anchor(in.number);
                    s.color = style_.link_color;
                    out.push_back({std::to_string(in.number), s, in.location});
                    break;
                }
            }
        }
    }

    void link_target(const doc::Inline& in, SpanStyle& s) {
        if (!in.url.empty() && in.url[0] == '#') {
            const std::string dest = markdown::percent_decode(in.url.substr(1));
            if (slugs_.count(dest)) {
                s.link_dest = dest;
                s.link_uri.clear();
                s.color = style_.link_color;
            } else {
                sink_.warn("anchor.missing", in.location,
                           "link to '#" + dest + "': no heading has this anchor; the text is printed without a link");
            }
        } else if (!in.url.empty()) {
            s.link_uri = in.url;
            s.link_dest.clear();
            s.color = style_.link_color;
        }
    }

    void check_image(const doc::Inline& in) {
        const std::string& url = in.url;
        const bool remote = url.find("://") != std::string::npos;
        if (remote) {
            sink_.warn("image.remote", in.location, "image '" + url + "' is remote and is not fetched; its alt text is printed");
            return;
        }
        const std::string path = !url.empty() && url[0] == '/' ? url : opt_.base_dir + "/" + markdown::percent_decode(url);
        if (!opt_.load_file || !opt_.load_file(path))
            sink_.warn("image.missing", in.location, "image '" + url + "' not found; its alt text is printed");
    }

    // ---- blocks --------------------------------------------------------------------------

    void block(const doc::Block& b, Context& ctx) {
        switch (b.kind) {
            case doc::BlockKind::Paragraph: paragraph(b.inlines, ctx); break;
            case doc::BlockKind::Heading: heading(b, ctx); break;
            case doc::BlockKind::BlockQuote: quote(b, ctx); break;
            case doc::BlockKind::List: list(b, ctx); break;
            case doc::BlockKind::CodeBlock: code_block(b, ctx); break;
            case doc::BlockKind::ThematicBreak: rule(ctx); break;
            case doc::BlockKind::Table: table(b, ctx); break;
            default:
                for (const doc::Block& c : b.children) block(c, ctx);
                break;
        }
    }

    void paragraph(const std::vector<doc::Inline>& ins, const Context& ctx) {
        std::vector<Span> spans;
        inlines_to_spans(ins, span_style(ctx.text), spans);
        ParagraphStyle ps;
        ps.width = ctx.width;
        ps.leading = ctx.text.leading;
        ps.justify = style_.justify;
        emit_lines(ts_.set_paragraph(spans, ps), ctx, false);
        space(ctx.tight ? style_.list_item_spacing : style_.paragraph_spacing);
    }

    void heading(const doc::Block& b, const Context& ctx) {
        const int level = std::clamp(b.level, 1, 6);
        heading_text(b.inlines, b.slug, level, style_.heading[level - 1], ctx, true);
    }

    /// Sets a heading-like block: anchored, in the outline and TOC when `listed`, kept with
    /// what follows.
    void heading_text(const std::vector<doc::Inline>& ins, const std::string& slug, int level,
                      const style::TextStyle& ts, const Context& ctx, bool listed) {
        space(style_.heading_space_before[level - 1]);
        std::vector<Span> spans;
        inlines_to_spans(ins, span_style(ts), spans);
        ParagraphStyle ps;
        ps.width = ctx.width;
        ps.leading = ts.leading;
        ps.justify = false;
        const std::size_t first = emit_lines(ts_.set_paragraph(spans, ps), ctx, true);
        if (first < flow_.fragments.size() && !slug.empty()) {
            flow_.fragments[first].items.insert(flow_.fragments[first].items.begin(),
                                                frame::Anchor{slug, {ctx.left, 0}});
        }
        if (listed) flow_.headings.push_back({doc::plain_text(ins), level, slug});
        keep_following_ = 1;
        space(style_.heading_space_after[level - 1]);
    }

    void title_block(const Context& ctx, std::size_t& first_block) {
        const doc::Metadata& m = doc_.metadata;
        if (m.title.empty()) return;
        // A first H1 that repeats the title is the title: set once, in the title style.
        std::vector<doc::Inline> title_inlines{{doc::InlineKind::Text, m.title}};
        std::string slug;
        bool listed = false;
        if (!doc_.blocks.empty() && doc_.blocks[0].kind == doc::BlockKind::Heading && doc_.blocks[0].level == 1 &&
            doc::plain_text(doc_.blocks[0].inlines) == m.title) {
            title_inlines = doc_.blocks[0].inlines;
            slug = doc_.blocks[0].slug;
            listed = true;
            first_block = 1;
        }
        heading_text(title_inlines, slug, 1, style_.title, ctx, listed);
        auto line = [&](const std::string& text, const style::TextStyle& ts) {
            if (text.empty()) return;
            std::vector<Span> spans{{text, span_style(ts), {}}};
            ParagraphStyle ps;
            ps.width = ctx.width;
            ps.leading = ts.leading;
            ps.justify = false;
            emit_lines(ts_.set_paragraph(spans, ps), ctx, true);
        };
        line(!m.subtitle.empty() ? m.subtitle : m.description, style_.subtitle);
        std::string byline;
        for (const std::string& a : m.authors) byline += (byline.empty() ? "" : ", ") + a;
        if (m.date) {
            const std::string d = m.date->text.substr(0, 10);
            byline += (byline.empty() ? "" : " \u00B7 ") + d;
        }
        line(byline, style_.meta);
        if (!flow_.fragments.empty()) flow_.fragments.back().keep_with_next = false;
        space(style_.paragraph_spacing * 2);
        rule(ctx);
    }

    void toc(const Context& ctx) {
        heading_text({{doc::InlineKind::Text, style_.toc_title}}, "", 2, style_.heading[1], ctx, false);
        std::vector<Heading> entries;
        collect_toc(doc_.blocks, entries);
        const SpanStyle body = span_style(style_.body);
        const Pt number_column = ts_.measure("0000", body);
        const Pt dot_pitch = body.size * 0.45;
        for (const Heading& h : entries) {
            const Pt indent = (h.level - 1) * style_.list_indent * 0.8;
            Context c = ctx;
            c.left += indent;
            c.width -= indent;
            std::vector<Span> spans{{h.title, body, {}}};
            spans[0].style.link_dest = h.slug;
            ParagraphStyle ps;
            ps.width = c.width - number_column - dot_pitch * 3;
            ps.leading = style_.body.leading;
            ps.justify = false;
            std::vector<SetLine> lines = ts_.set_paragraph(spans, ps);
            if (lines.empty()) continue;
            SetLine& last = lines.back();
            const int page = page_of(h.slug);
            const std::string num = std::to_string(page);
            const Pt right = ctx.left + ctx.width;
            const Pt num_w = ts_.measure(num, body);
            // Leader dots on a grid common to all entries, so they line up down the page.
            const Pt start = c.left + last.width + dot_pitch;
            std::string dots;
            Pt first_dot = std::ceil(start / dot_pitch) * dot_pitch;
            for (Pt x = first_dot; x + dot_pitch < right - num_w - dot_pitch; x += dot_pitch) dots += '.';
            SpanStyle leader = body;
            leader.features = {false, false};
            std::vector<frame::Item> extra;
            if (!dots.empty()) {
                for (frame::Item& it : leader_run(dots, leader, first_dot, dot_pitch, -last.baseline))
                    extra.push_back(std::move(it));
            }
            for (frame::Item& it : ts_.set_text(num, body, {right - num_w, -last.baseline}))
                extra.push_back(std::move(it));
            extra.push_back(frame::LinkArea{{ctx.left - c.left + c.left + last.width, -last.height,
                                             right - (c.left + last.width), last.height}, "", h.slug});
            for (frame::Item& it : extra) {
                frame::translate(it, -c.left, 0);
                last.items.push_back(std::move(it));
            }
            emit_lines(std::move(lines), c, false);
            space(1);
        }
        space(style_.paragraph_spacing * 2);
    }

    /// Leader dots placed one by one on the dot grid.
    std::vector<frame::Item> leader_run(const std::string& dots, const SpanStyle& s, Pt x0, Pt pitch, Pt y) {
        std::vector<frame::Item> runs = ts_.set_text(".", s, {x0, y});
        if (runs.empty()) return runs;
        auto& run = std::get<frame::GlyphRun>(runs.front());
        if (run.glyphs.empty()) return runs;
        const frame::Glyph dot = run.glyphs.front();
        run.glyphs.clear();
        run.text.clear();
        for (std::size_t i = 0; i < dots.size(); ++i) {
            frame::Glyph g = dot;
            g.x_advance = pitch;
            g.cluster = static_cast<std::uint32_t>(i);
            run.glyphs.push_back(g);
            run.text += '.';
        }
        return runs;
    }

    int page_of(const std::string& slug) const {
        if (!opt_.anchor_pages) return 0;
        auto it = opt_.anchor_pages->find(slug);
        return it == opt_.anchor_pages->end() ? 0 : it->second;
    }

    void collect_toc(const std::vector<doc::Block>& blocks, std::vector<Heading>& out) const {
        for (const doc::Block& b : blocks) {
            if (b.kind == doc::BlockKind::Heading && b.level <= 3)
                out.push_back({doc::plain_text(b.inlines), b.level, b.slug});
            else if (b.kind == doc::BlockKind::BlockQuote)
                collect_toc(b.children, out);
        }
    }

    void quote(const doc::Block& b, const Context& ctx) {
        Context c = ctx;
        c.decorations.push_back({ctx.left, style_.quote_bar_width, style_.quote_bar_color, true});
        c.left += style_.quote_indent;
        c.width -= style_.quote_indent;
        c.text.color = style_.quote_text_color;
        for (const doc::Block& child : b.children) block(child, c);
        space(style_.paragraph_spacing);
    }

    void list(const doc::Block& b, const Context& ctx) {
        Context c = ctx;
        c.left += style_.list_indent;
        c.width -= style_.list_indent;
        c.list_depth = ctx.list_depth + 1;
        c.tight = b.tight;
        int number = b.start;
        for (const doc::Block& item : b.children) {
            const std::size_t first = flow_.fragments.size();
            for (const doc::Block& child : item.children) block(child, c);
            if (flow_.fragments.size() == first) emit(Fragment{ctx.text.leading, 0, {}, {}, false, false, 0}, c);
            marker(flow_.fragments[first], item, b.ordered, number++, c);
            space(b.tight ? style_.list_item_spacing : style_.paragraph_spacing);
        }
        space(style_.paragraph_spacing);
    }

    /// Draws a list item's marker beside its first line: number, bullet or task box.
    void marker(Fragment& f, const doc::Block& item, bool ordered, int number, const Context& c) {
        const SpanStyle s = span_style(c.text);
        const Pt baseline = f.baseline > 0 ? f.baseline : c.text.leading * 0.75;
        const Pt gap = s.size * 0.45;
        if (item.task != doc::TaskState::None) {
            const Pt side = s.size * 0.75;
            const Rect box{c.left - gap - side, -baseline - s.size * 0.05, side, side};
            f.items.push_back(frame::Box{box, std::nullopt, c.text.color, 0.6});
            if (item.task == doc::TaskState::Checked) {
                f.items.push_back(frame::Line{{box.x + side * 0.2, box.y + side * 0.5},
                                              {box.x + side * 0.42, box.y + side * 0.22}, 0.9, c.text.color});
                f.items.push_back(frame::Line{{box.x + side * 0.42, box.y + side * 0.22},
                                              {box.x + side * 0.85, box.y + side * 0.85}, 0.9, c.text.color});
            }
            return;
        }
        static const char* const bullets[] = {"\u2022", "\u2013", "\u2022"};
        const std::string text = ordered ? std::to_string(number) + "." : bullets[(c.list_depth - 1) % 3];
        const Pt w = ts_.measure(text, s);
        for (frame::Item& it : ts_.set_text(text, s, {c.left - gap - w, -baseline})) f.items.push_back(std::move(it));
    }

    void rule(const Context& ctx) {
        Fragment f;
        f.height = style_.body.leading;
        f.space_before = style_.paragraph_spacing;
        const Pt y = -f.height / 2;
        f.items.push_back(frame::Line{{ctx.left, y}, {ctx.left + ctx.width, y}, style_.rule_width, style_.rule_color});
        emit(std::move(f), ctx);
        space(style_.paragraph_spacing);
    }

    // ---- code ----------------------------------------------------------------------------

    static std::string expand_tabs(std::string_view line) {
        std::string out;
        std::size_t column = 0;
        for (std::size_t pos = 0; pos < line.size();) {
            const std::size_t start = pos;
            const char32_t cp = utf8::decode(line, pos);
            if (cp == '\t') {
                const std::size_t n = 4 - column % 4;
                out.append(n, ' ');
                column += n;
            } else {
                out.append(line.substr(start, pos - start));
                ++column;
            }
        }
        return out;
    }

    /// Splits a glyph run after glyph `n`: the tail keeps its own text and origin.
    static frame::GlyphRun split_run(frame::GlyphRun& run, std::size_t n) {
        frame::GlyphRun tail = run;
        tail.glyphs.assign(run.glyphs.begin() + static_cast<std::ptrdiff_t>(n), run.glyphs.end());
        run.glyphs.resize(n);
        const std::uint32_t cut = tail.glyphs.empty() ? static_cast<std::uint32_t>(run.text.size()) : tail.glyphs.front().cluster;
        tail.text = run.text.substr(cut);
        run.text.resize(cut);
        for (frame::Glyph& g : tail.glyphs) g.cluster -= cut;
        Pt w = 0;
        for (const frame::Glyph& g : run.glyphs) w += g.x_advance;
        tail.origin.x = run.origin.x + w;
        return tail;
    }

    /// Sets one source line of code, wrapped at the measure: prefers breaking after a space or
    /// punctuation in the last third of the line, else between any two clusters. Continuation
    /// lines are indented and start with a drawn hook, which is not text (copying the code
    /// gives the original line).
    std::vector<SetLine> code_lines(std::string_view src, const SpanStyle& s, Pt width) {
        const auto [asc, desc] = ts_.vertical_metrics(s);
        const Pt leading = style_.code.leading;
        const Pt baseline = (leading - (asc - desc)) / 2 + asc;
        std::vector<frame::GlyphRun> runs;
        for (frame::Item& it : ts_.set_text(expand_tabs(src), s, {0, -baseline}))
            runs.push_back(std::move(std::get<frame::GlyphRun>(it)));
        const Pt hang = ts_.measure("  ", s);
        std::vector<SetLine> out;
        Pt line_start = 0;  // x in the unwrapped line where the current output line starts
        Pt indent = 0;
        SetLine cur{leading, baseline, 0, {}};
        auto finish = [&] {
            out.push_back(std::move(cur));
            cur = SetLine{leading, baseline, 0, {}};
        };
        for (frame::GlyphRun& run : runs) {
            while (!run.glyphs.empty()) {
                // How many glyphs of this run fit on the current line?
                Pt x = run.origin.x - line_start + indent;
                std::size_t fit = 0;
                std::size_t soft = 0;  // a nicer break: after a space or punctuation
                for (; fit < run.glyphs.size(); ++fit) {
                    if (x + run.glyphs[fit].x_advance > width + 0.01) break;
                    x += run.glyphs[fit].x_advance;
                    const std::uint32_t cl = run.glyphs[fit].cluster;
                    const char ch = cl < run.text.size() ? run.text[cl] : 0;
                    if (ch == ' ' || ch == ',' || ch == ';' || ch == '/' || ch == '|' || ch == '&') soft = fit + 1;
                }
                if (fit == run.glyphs.size()) {
                    frame::GlyphRun placed = std::move(run);
                    placed.origin.x = placed.origin.x - line_start + indent;
                    cur.items.push_back(std::move(placed));
                    run.glyphs.clear();
                    break;
                }
                if (fit == 0 && cur.items.empty()) fit = 1;  // a glyph wider than the line
                if (soft > fit * 2 / 3 && soft > 0) fit = soft;
                frame::GlyphRun tail = split_run(run, fit);
                frame::GlyphRun placed = std::move(run);
                placed.origin.x = placed.origin.x - line_start + indent;
                if (!placed.glyphs.empty()) cur.items.push_back(std::move(placed));
                finish();
                line_start = tail.origin.x;
                indent = hang;
                // The hook: a short vertical then horizontal stroke with a tip, in the margin.
                const Pt h = s.size * 0.45, y0 = -baseline + s.size * 0.55, x0 = s.size * 0.2;
                const Color grey{0.55, 0.55, 0.55};
                cur.items.push_back(frame::Line{{x0, y0}, {x0, y0 - h}, 0.6, grey});
                cur.items.push_back(frame::Line{{x0, y0 - h}, {x0 + h * 1.2, y0 - h}, 0.6, grey});
                cur.items.push_back(frame::Line{{x0 + h * 0.8, y0 - h * 0.7}, {x0 + h * 1.2, y0 - h}, 0.6, grey});
                cur.items.push_back(frame::Line{{x0 + h * 0.8, y0 - h * 1.3}, {x0 + h * 1.2, y0 - h}, 0.6, grey});
                run = std::move(tail);
            }
        }
        finish();
        return out;
    }

    void code_block(const doc::Block& b, const Context& ctx) {
        SpanStyle s = span_style(style_.code, false);
        const Pt pad = style_.code_padding;
        std::string_view text = b.text;
        if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
        std::vector<SetLine> lines;
        std::size_t pos = 0;
        while (true) {
            const std::size_t nl = text.find('\n', pos);
            const std::string_view src = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
            for (SetLine& l : code_lines(src, s, ctx.width - 2 * pad)) lines.push_back(std::move(l));
            if (nl == std::string_view::npos) break;
            pos = nl + 1;
        }
        space(style_.paragraph_spacing);
        const std::size_t n = lines.size();
        const bool short_block = n <= 8;
        for (std::size_t i = 0; i < n; ++i) {
            Fragment f;
            const Pt top_pad = i == 0 ? pad : 0;
            f.height = lines[i].height + top_pad + (i + 1 == n ? pad : 0);
            f.baseline = lines[i].baseline + top_pad;
            for (frame::Item& it : lines[i].items) {
                frame::translate(it, ctx.left + pad, -top_pad);
                f.items.push_back(std::move(it));
            }
            f.keep_with_next = i + 1 < n && (short_block || i == 0 || i + 2 == n);
            Fragment& placed = emit(std::move(f), ctx);
            placed.decorations.push_back({ctx.left, ctx.width, style_.code_background, i > 0});
        }
        space(style_.paragraph_spacing);
    }

    // ---- tables (simple grid until the table issue lands) ------------------------------

    /// Column widths after CSS 2.1's automatic table layout (17.5.2.2), simplified: each
    /// column's minimum is its widest word, its maximum its widest unwrapped cell. Columns get
    /// their maximum if all fit, else their minimum plus a share of the remaining width in
    /// proportion to (maximum - minimum); if even the minima do not fit, they are scaled.
    std::vector<Pt> column_widths(const doc::Block& b, std::size_t cols, const SpanStyle& body, Pt pad, Pt width) {
        std::vector<Pt> min(cols, 2 * pad), max(cols, 2 * pad);
        for (std::size_t r = 0; r < b.children.size(); ++r) {
            const doc::Block& row = b.children[r];
            SpanStyle st = body;
            st.face_style.bold = r == 0;
            for (std::size_t c = 0; c < row.children.size() && c < cols; ++c) {
                const std::string text = doc::plain_text(row.children[c].inlines);
                max[c] = std::max(max[c], ts_.measure(text, st) + 2 * pad);
                std::size_t i = 0;
                while (i < text.size()) {
                    const std::size_t j = std::min(text.find(' ', i), text.size());
                    if (j > i) min[c] = std::max(min[c], ts_.measure(text.substr(i, j - i), st) + 2 * pad);
                    i = j + 1;
                }
            }
        }
        Pt sum_min = 0, sum_max = 0;
        for (std::size_t c = 0; c < cols; ++c) sum_min += min[c], sum_max += max[c];
        std::vector<Pt> out(cols);
        for (std::size_t c = 0; c < cols; ++c) {
            if (sum_max <= width)
                out[c] = max[c];
            else if (sum_min <= width)
                out[c] = min[c] + (width - sum_min) * (max[c] - min[c]) / (sum_max - sum_min);
            else
                out[c] = width * min[c] / sum_min;
        }
        return out;
    }

    void table(const doc::Block& b, const Context& ctx) {
        if (b.children.empty()) return;
        std::size_t cols = 0;
        for (const doc::Block& row : b.children) cols = std::max(cols, row.children.size());
        if (cols == 0) return;
        const Pt pad = 4;
        const SpanStyle body = span_style(ctx.text);
        const std::vector<Pt> widths = column_widths(b, cols, body, pad, ctx.width);
        space(style_.paragraph_spacing);
        for (std::size_t r = 0; r < b.children.size(); ++r) {
            const doc::Block& row = b.children[r];
            Fragment f;
            Pt x = ctx.left;
            Pt height = 0;
            for (std::size_t c = 0; c < cols; ++c) {
                if (c < row.children.size()) {
                    SpanStyle st = body;
                    if (r == 0) st.face_style.bold = true;
                    std::vector<Span> spans;
                    inlines_to_spans(row.children[c].inlines, st, spans);
                    ParagraphStyle ps;
                    ps.width = std::max<Pt>(widths[c] - 2 * pad, 10);
                    ps.leading = ctx.text.leading;
                    ps.justify = false;
                    Pt y = -pad;
                    for (SetLine& l : ts_.set_paragraph(spans, ps)) {
                        const doc::Alignment al = c < b.alignments.size() ? b.alignments[c] : doc::Alignment::None;
                        Pt dx = x + pad;
                        if (al == doc::Alignment::Right) dx += ps.width - l.width;
                        if (al == doc::Alignment::Center) dx += (ps.width - l.width) / 2;
                        for (frame::Item& it : l.items) {
                            frame::translate(it, dx, y);
                            f.items.push_back(std::move(it));
                        }
                        y -= l.height;
                    }
                    height = std::max(height, -y + pad);
                }
                x += widths[c];
            }
            f.height = height;
            const Pt table_width = x - ctx.left;
            const Pt rule_w = r == 0 ? 0.8 : 0.3;
            f.items.push_back(frame::Line{{ctx.left, -height}, {ctx.left + table_width, -height}, rule_w, style_.rule_color});
            f.keep_with_next = r == 0;
            emit(std::move(f), ctx);
        }
        space(style_.paragraph_spacing);
    }

    // ---- footnotes (collected at the end until the footnote issue lands) -----------------

    void footnotes(const Context& ctx) {
        if (doc_.footnotes.empty()) return;
        space(style_.paragraph_spacing * 2);
        rule(ctx);
        Context c = ctx;
        c.text = style_.footnote;
        c.left += style_.list_indent;
        c.width -= style_.list_indent;
        c.tight = true;
        for (const doc::Block& fn : doc_.footnotes) {
            const std::size_t first = flow_.fragments.size();
            for (const doc::Block& child : fn.children) block(child, c);
            if (flow_.fragments.size() == first) continue;
            Fragment& f = flow_.fragments[first];
            f.items.insert(f.items.begin(), frame::Anchor{footnote_anchor(fn.number), {ctx.left, 0}});
            marker(f, doc::Block{}, true, fn.number, c);
        }
    }
};

}  // namespace

Flow layout_document(const doc::Document& doc, const style::Style& style, Typesetter& typesetter,
                     const Options& options, DiagnosticSink& sink) {
    return Layouter(doc, style, typesetter, options, sink).run();
}

}  // namespace galley::layout
