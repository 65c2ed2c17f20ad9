// Block layout: title block, table of contents, headings, paragraphs, lists, block quotes,
// code blocks, thematic breaks, tables and footnotes, each into fragments of the vertical list.
#include "layout/layout.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "base/utf8.h"
#include "layout/figure.h"
#include "layout/inline_setter.h"
#include "layout/table.h"
#include "shape/bidi.h"
#include "base/url.h"

namespace galley::layout {

SpanStyle span_style(const style::TextStyle& t, bool ligatures) {
    SpanStyle s;
    s.family = t.family;
    s.face_style = {t.bold, t.italic};
    s.size = t.size;
    s.color = t.color;
    s.features = {ligatures, ligatures};
    return s;
}

namespace {

shape::ParagraphDirection paragraph_direction(doc::ParagraphDirection dir) {
    switch (dir) {
        case doc::ParagraphDirection::LeftToRight: return shape::ParagraphDirection::LeftToRight;
        case doc::ParagraphDirection::RightToLeft: return shape::ParagraphDirection::RightToLeft;
        case doc::ParagraphDirection::Auto: break;
    }
    return shape::ParagraphDirection::Auto;
}

/// Where and how the blocks of one container are set.
struct Context {
    Pt left = 0;   // x of the text column's left edge, page space
    Pt width = 0;  // measure
    std::vector<Decoration> decorations;
    style::TextStyle text;  // body text role for this container
    int list_depth = 0;
    bool tight = false;  // inside a tight list item: no paragraph spacing
    /// A right-to-left container (list item, block quote, footnote): indented from the right,
    /// its marker, bar or number on the right.
    bool right_to_left = false;
};

class Layouter : public InlineSetter {
public:
    Layouter(const doc::Document& d, const style::Style& s, Typesetter& t, const Options& o, DiagnosticSink& k)
        : doc_(d), style_(s), ts_(t), opt_(o), sink_(k), pictures_(o.load_file, o.base_dir, k),
          inline_pictures_(s.rule_color) {
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
        if (flow_.fragments.empty()) flow_.fragments.push_back(Fragment{});
        notes(root);
        return std::move(flow_);
    }

    // ---- InlineSetter ----------------------------------------------------------------------

    std::vector<Span> spans(const std::vector<doc::Inline>& ins, const SpanStyle& style, Pt leading) override {
        std::vector<Span> out;
        leading_ = leading;
        inlines_to_spans(ins, style, out);
        return out;
    }

    /// The document's `dir` holds for every paragraph set here: body text, headings, list items,
    /// quotes, table cells, captions and footnotes.
    std::vector<SetLine> lines(const std::vector<Span>& spans, const ParagraphStyle& para) override {
        ParagraphStyle directed = para;
        directed.direction = direction_;
        std::vector<SetLine> set = ts_.set_paragraph(spans, directed);
        inline_pictures_.place(set);
        return set;
    }

private:
    const doc::Document& doc_;
    const style::Style& style_;
    Typesetter& ts_;
    const Options& opt_;
    DiagnosticSink& sink_;
    const shape::ParagraphDirection direction_ = paragraph_direction(doc_.metadata.dir);
    Flow flow_;
    Pt pending_space_ = 0;
    /// Fragments after a heading that still keep with their next: a heading moves with at
    /// least two lines of what follows, even when the first is a one-line list item.
    int keep_following_ = 0;
    /// The last fragment of out_ keeps with its next only for the heading above it (through
    /// keep_following_), not by a rule of its own: the heading's section ended after one line.
    /// A heading that comes next drops that keep, so a heading's chain never runs on into the
    /// next heading's chain (which would move a complete short section to the next page).
    bool borrowed_keep_ = false;
    std::uint32_t paragraph_count_ = 0;
    /// The next fragment starts a new page (a manual page break came before it).
    bool page_break_ = false;
    std::set<std::string> slugs_;
    PictureLibrary pictures_;
    InlinePictures inline_pictures_;
    /// The leading of the lines the spans being made will be set on (inline pictures fit it).
    Pt leading_ = 0;
    /// Where emit() puts fragments: the body, or a footnote's own list while it is laid out.
    std::vector<Fragment>* out_ = &flow_.fragments;
    /// Per footnote number: whether a fragment of the body has claimed it (its first reference).
    std::vector<bool> note_claimed_ = std::vector<bool>(doc_.footnotes.size() + 1, false);

    // Footnote anchors: a note, and its first reference (the note links back to it). The colon
    // keeps them apart from heading slugs, which never hold one.
    static std::string footnote_anchor(int n) { return "fn:" + std::to_string(n); }
    static std::string reference_anchor(int n) { return "fnref:" + std::to_string(n); }

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
        if (page_break_) {
            f.page_break_before = true;
            page_break_ = false;
        }
        if (f.heading && borrowed_keep_ && !out_->empty()) out_->back().keep_with_next = false;
        borrowed_keep_ = keep_following_ > 0 && !f.keep_with_next;
        if (keep_following_ > 0) {
            f.keep_with_next = true;
            --keep_following_;
        }
        for (const Decoration& d : ctx.decorations) f.decorations.push_back(d);
        if (out_ == &flow_.fragments) claim_notes(f);
        out_->push_back(std::move(f));
        return out_->back();
    }

    /// Claims for `f` the footnotes first referenced in it: pagination sets them on its page.
    /// The reference marker is a link to the note; the first one also gets the anchor the note
    /// links back to.
    void claim_notes(Fragment& f) {
        std::vector<frame::Item> anchors;
        for (const frame::Item& it : f.items) {
            const auto* link = std::get_if<frame::LinkArea>(&it);
            if (!link || !link->dest.starts_with("fn:")) continue;
            const int n = std::atoi(link->dest.c_str() + 3);
            if (n < 1 || static_cast<std::size_t>(n) >= note_claimed_.size() || note_claimed_[n]) continue;
            note_claimed_[n] = true;
            f.notes.push_back(static_cast<std::size_t>(n - 1));
            anchors.push_back(frame::Anchor{reference_anchor(n), {link->rect.x, link->rect.y + link->rect.height}});
        }
        for (frame::Item& a : anchors) f.items.push_back(std::move(a));
        // A table row holds its cells' references column by column; the notes go in order.
        std::sort(f.notes.begin(), f.notes.end());
    }

    /// Sets lines as fragments at ctx.left; returns the index of the first fragment.
    std::size_t emit_lines(std::vector<SetLine> lines, const Context& ctx, bool keep_all) {
        const std::size_t first = out_->size();
        const std::size_t n = lines.size();
        const std::uint32_t paragraph = ++paragraph_count_;
        for (std::size_t i = 0; i < n; ++i) {
            Fragment f;
            f.height = lines[i].height;
            f.baseline = lines[i].baseline;
            for (frame::Item& it : lines[i].items) {
                frame::translate(it, ctx.left, 0);
                f.items.push_back(std::move(it));
            }
            // Orphans and widows: the first `orphans` lines keep together, and so do the last
            // `widows` (the widow rule wins where they overlap in a short paragraph).
            const std::size_t orphans = static_cast<std::size_t>(std::max(style_.orphans, 1));
            const std::size_t widows = static_cast<std::size_t>(std::max(style_.widows, 1));
            f.keep_with_next = keep_all || (i + 1 < n && (i + 1 < orphans || i + widows >= n));
            f.paragraph = keep_all ? 0 : paragraph;
            f.line = static_cast<std::uint32_t>(i);
            f.lines = static_cast<std::uint32_t>(n);
            f.heading = keep_all;
            emit(std::move(f), ctx);
        }
        return first;
    }

    // ---- inlines -------------------------------------------------------------------------

    // Recursive: markdown/ keeps inline containers at most doc::max_nesting deep.
    void inlines_to_spans(const std::vector<doc::Inline>& ins, SpanStyle st, std::vector<Span>& out) {
        for (const doc::Inline& in : ins) {
            switch (in.kind) {
                case doc::InlineKind::Text:
                    warn_undefined_notes(in);
                    out.push_back({in.text, st, in.location});
                    break;
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
                case doc::InlineKind::Image:
                    if (const Picture* picture = pictures_.find(in))
                        inline_pictures_.add_picture(*picture, st, leading_, ts_, in.location, out);
                    else
                        inlines_to_spans(in.children, inline_pictures_.framed(st), out);
                    break;
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
            const std::string dest = url::percent_decode(in.url.substr(1));
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

    /// cmark-gfm prints a footnote reference without a definition as typed; say so, since
    /// the writer probably meant a note.
    void warn_undefined_notes(const doc::Inline& text) {
        for (std::size_t at = text.text.find("[^"); at != std::string::npos; at = text.text.find("[^", at + 2)) {
            const std::size_t close = text.text.find_first_of("] \t\n[", at + 2);
            if (close == std::string::npos || close == at + 2 || text.text[close] != ']') continue;
            sink_.warn("footnote.undefined", text.location,
                       "footnote reference " + text.text.substr(at, close + 1 - at) +
                           " has no definition; it is printed as typed");
        }
    }

    // ---- blocks --------------------------------------------------------------------------

    void block(const doc::Block& b, const Context& ctx) {
        switch (b.kind) {
            case doc::BlockKind::Paragraph: paragraph(b.inlines, ctx); break;
            case doc::BlockKind::Heading: heading(b, ctx); break;
            case doc::BlockKind::BlockQuote: quote(b, ctx); break;
            case doc::BlockKind::List: list(b, ctx); break;
            case doc::BlockKind::CodeBlock: code_block(b, ctx); break;
            case doc::BlockKind::ThematicBreak: rule(ctx); break;
            case doc::BlockKind::PageBreak: page_break_ = true; break;
            case doc::BlockKind::Table: table(b, ctx); break;
            default:
                for (const doc::Block& c : b.children) block(c, ctx);
                break;
        }
    }

    void paragraph(const std::vector<doc::Inline>& ins, const Context& ctx) {
        const doc::Inline* link = nullptr;
        if (const doc::Inline* image = lone_image(ins, link)) return figure(*image, link, ctx);
        ParagraphStyle ps;
        ps.width = ctx.width;
        ps.leading = ctx.text.leading;
        ps.justify = style_.justify;
        ps.hyphenate = true;
        emit_lines(lines(spans(ins, span_style(ctx.text), ps.leading), ps), ctx, false);
        space(ctx.tight ? style_.list_item_spacing : style_.paragraph_spacing);
    }

    /// The image of a paragraph that holds nothing else (spaces aside), perhaps inside a link
    /// (then `link` is set): such a paragraph is a figure.
    static const doc::Inline* lone_image(const std::vector<doc::Inline>& ins, const doc::Inline*& link) {
        const doc::Inline* found = nullptr;
        for (const doc::Inline& in : ins) {
            const bool blank = (in.kind == doc::InlineKind::Text &&
                                in.text.find_first_not_of(" \t") == std::string::npos) ||
                               in.kind == doc::InlineKind::SoftBreak;
            if (blank) continue;
            if (found) return nullptr;
            found = &in;
        }
        if (found && found->kind == doc::InlineKind::Link) {
            const doc::Inline* nested = nullptr;
            const doc::Inline* image = lone_image(found->children, nested);
            if (!image || nested) return nullptr;
            link = found;
            return image;
        }
        return found && found->kind == doc::InlineKind::Image ? found : nullptr;
    }

    void figure(const doc::Inline& image, const doc::Inline* link, const Context& ctx) {
        FigurePlace place{ctx.left, ctx.width, style_.text_height(), {}};
        if (link) link_target(*link, place.link);
        space(style_.figure_space);
        const Picture* picture = pictures_.find(image);
        for (Fragment& f : figure_fragments(image, picture, place, style_, *this)) emit(std::move(f), ctx);
        space(style_.figure_space);
    }

    void heading(const doc::Block& b, const Context& ctx) {
        const int level = std::clamp(b.level, 1, 6);
        if (level == 1 && style_.h1_new_page && !out_->empty()) page_break_ = true;
        heading_text(b.inlines, b.slug, level, style_.heading[level - 1], ctx, true);
    }

    /// Sets a heading-like block: anchored, in the outline and TOC when `listed`, kept with
    /// what follows.
    void heading_text(const std::vector<doc::Inline>& ins, const std::string& slug, int level,
                      const style::TextStyle& ts, const Context& ctx, bool listed) {
        space(style_.heading_space_before[level - 1]);
        ParagraphStyle ps;
        ps.width = ctx.width;
        ps.leading = ts.leading;
        ps.justify = false;
        const std::size_t first = emit_lines(lines(spans(ins, span_style(ts), ps.leading), ps), ctx, true);
        if (first < out_->size() && !slug.empty())
            (*out_)[first].items.insert((*out_)[first].items.begin(), frame::Anchor{slug, {ctx.left, 0}});
        if (listed) flow_.headings.push_back({doc::plain_text(ins), level, slug});
        keep_following_ = 1;
        space(style_.heading_space_after[level - 1]);
    }

    void title_block(const Context& ctx, std::size_t& first_block) {
        const doc::Metadata& m = doc_.metadata;
        if (m.title.empty()) return;
        // Front matter values carry their source positions, for warnings about their text.
        const auto at = [&](std::initializer_list<const char*> keys) {
            for (const char* k : keys)
                if (const doc::Value* v = m.raw.find(k)) return v->location;
            return SourceLocation{};
        };
        // A first H1 that repeats the title is the title: set once, in the title style.
        std::vector<doc::Inline> title_inlines{{doc::InlineKind::Text, m.title}};
        title_inlines[0].location = at({"title"});
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
        auto line = [&](const std::string& text, const style::TextStyle& ts, const SourceLocation& where) {
            if (text.empty()) return;
            std::vector<Span> spans{{text, span_style(ts), where}};
            ParagraphStyle ps;
            ps.width = ctx.width;
            ps.leading = ts.leading;
            ps.justify = false;
            emit_lines(lines(spans, ps), ctx, true);
        };
        line(!m.subtitle.empty() ? m.subtitle : m.description, style_.subtitle,
             at(!m.subtitle.empty() ? std::initializer_list<const char*>{"subtitle"} : std::initializer_list<const char*>{"description", "summary"}));
        std::string byline;
        for (const std::string& a : m.authors) byline += (byline.empty() ? "" : ", ") + a;
        if (m.date) {
            const std::string d = m.date->text.substr(0, 10);
            byline += (byline.empty() ? "" : " \u00B7 ") + d;
        }
        line(byline, style_.meta, at({"author", "authors", "date"}));
        if (!out_->empty()) out_->back().keep_with_next = false;
        space(style_.paragraph_spacing * 2);
        rule(ctx);
    }

    void toc(const Context& ctx) {
        std::vector<Heading> entries;
        collect_toc(doc_.blocks, entries);
        if (entries.empty()) return;  // no headings: no contents, rather than a title alone
        heading_text({{doc::InlineKind::Text, style_.toc_title}}, "", 2, style_.heading[1], ctx, false);
        const SpanStyle body = span_style(style_.body);
        const Pt number_column = ts_.measure("0000", body);
        const Pt dot_pitch = body.size * 0.45;
        for (const Heading& h : entries) {
            const Pt indent = (h.level - 1) * style_.list_indent * 0.8;
            std::vector<Span> spans{{h.title, body, {}}};
            spans[0].style.link_dest = h.slug;
            ParagraphStyle ps;
            ps.width = ctx.width - indent - number_column - dot_pitch * 3;
            ps.leading = style_.body.leading;
            ps.justify = false;
            ps.align = ParagraphStyle::Align::Left;  // placed below, on the side the title starts
            std::vector<SetLine> lines = this->lines(spans, ps);
            if (lines.empty()) continue;
            // A right-to-left entry mirrors: indented from the right, title flush right, page
            // number at the left margin, leaders between.
            const bool rtl = lines.front().right_to_left;
            Context c = ctx;
            if (!rtl) c.left += indent;
            c.width -= indent;
            SetLine& last = lines.back();
            const Pt title_width = last.width;  // natural: the lines are set flush left
            if (rtl)
                for (SetLine& l : lines) {
                    for (frame::Item& it : l.items) frame::translate(it, c.width - l.width, 0);
                    l.width = c.width;
                }
            const std::string num = std::to_string(page_of(h.slug));
            const Pt num_w = ts_.measure(num, body);
            const Pt right = ctx.left + ctx.width;
            // The stretch of the last line between title and number (page space), for leaders.
            const Pt gap_from = rtl ? ctx.left + num_w : c.left + title_width;
            const Pt gap_to = rtl ? c.left + c.width - title_width : right - num_w;
            std::vector<frame::Item> extra;
            // Leader dots on a grid common to all entries, so they line up down the page.
            std::string dots;
            const Pt first_dot = std::ceil((gap_from + dot_pitch) / dot_pitch) * dot_pitch;
            for (Pt x = first_dot; x + dot_pitch < gap_to - dot_pitch; x += dot_pitch) dots += '.';
            SpanStyle leader = body;
            leader.features = {false, false};
            if (!dots.empty())
                for (frame::Item& it : leader_run(dots, leader, first_dot, dot_pitch, -last.baseline, rtl))
                    extra.push_back(std::move(it));
            for (frame::Item& it : ts_.set_text(num, body, {rtl ? ctx.left : right - num_w, -last.baseline}))
                extra.push_back(std::move(it));
            // The leaders and the number link too (the title is a link by its span).
            const Pt link_from = rtl ? ctx.left : gap_from;
            const Pt link_to = rtl ? gap_to : right;
            extra.push_back(frame::LinkArea{{link_from, -last.height, link_to - link_from, last.height}, "", h.slug});
            for (frame::Item& it : extra) {
                frame::translate(it, -c.left, 0);
                last.items.push_back(std::move(it));
            }
            emit_lines(std::move(lines), c, false);
            space(1);
        }
        space(style_.paragraph_spacing * 2);
    }

    /// Leader dots placed one by one on the dot grid. In a right-to-left entry they are a
    /// right-to-left run, so that text extraction reads title, leaders, number in that order.
    std::vector<frame::Item> leader_run(const std::string& dots, const SpanStyle& s, Pt x0, Pt pitch, Pt y,
                                        bool right_to_left) {
        std::vector<frame::Item> runs = ts_.set_text(".", s, {x0, y});
        if (runs.empty()) return runs;
        auto& run = std::get<frame::GlyphRun>(runs.front());
        if (run.glyphs.empty()) return runs;
        const frame::Glyph dot = run.glyphs.front();
        run.glyphs.clear();
        run.text.clear();
        run.right_to_left = right_to_left;
        for (std::size_t i = 0; i < dots.size(); ++i) {
            frame::Glyph g = dot;
            g.x_advance = pitch;
            g.cluster = static_cast<std::uint32_t>(right_to_left ? dots.size() - 1 - i : i);
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

    /// Moves a container's text in by `indent` from the side it starts on, unless that would
    /// leave less than a third of the text width: deep nesting then stops indenting rather than
    /// pushing text off the page.
    void indent(Context& c, Pt indent) const {
        if (c.width - indent < style_.text_width() / 3) return;
        if (!c.right_to_left) c.left += indent;
        c.width -= indent;
    }

    /// Whether a container (list item, block quote, footnote) is set right to left: the
    /// document's `dir` says, or else its first paragraph's first strong character does
    /// (UAX #9 P2–P3), as it does for the paragraph itself.
    bool right_to_left(const doc::Block& container) const {
        if (direction_ != shape::ParagraphDirection::Auto)
            return direction_ == shape::ParagraphDirection::RightToLeft;
        const doc::Block* first = first_text(container);
        if (!first) return false;
        const std::string text = doc::plain_text(first->inlines);
        return utf8::may_hold_rtl(text) && shape::BidiParagraph(text).base_level() % 2 == 1;
    }

    /// The first block with inline text in `container`, depth first.
    static const doc::Block* first_text(const doc::Block& container) {
        for (const doc::Block& child : container.children) {
            if (!child.inlines.empty()) return &child;
            if (const doc::Block* inner = first_text(child)) return inner;
        }
        return nullptr;
    }

    void quote(const doc::Block& b, const Context& ctx) {
        Context c = ctx;
        c.right_to_left = right_to_left(b);
        indent(c, style_.quote_indent);
        if (c.width < ctx.width) {
            // The bar stands on the side the quote's lines start from.
            const Pt bar = c.right_to_left ? ctx.left + ctx.width - style_.quote_bar_width : ctx.left;
            c.decorations.push_back({bar, style_.quote_bar_width, style_.quote_bar_color, true});
        }
        c.text.color = style_.quote_text_color;
        for (const doc::Block& child : b.children) block(child, c);
        space(style_.paragraph_spacing);
    }

    void list(const doc::Block& b, const Context& ctx) {
        // An ordered list's indent holds its widest number with the gap after it, so that no
        // marker ("100.") reaches past the side of the text it hangs beside.
        Pt by = style_.list_indent;
        if (b.ordered) {
            const SpanStyle s = span_style(ctx.text);
            int number = b.start;
            for (const doc::Block& item : b.children)
                if (const int n = number++; item.task == doc::TaskState::None)
                    by = std::max(by, ts_.measure(list_number(n), s) + marker_gap(s));
        }
        // Each item is indented from the side its text starts on, its marker on that side.
        auto item_context = [&](bool right_to_left) {
            Context c = ctx;
            c.right_to_left = right_to_left;
            indent(c, by);
            c.list_depth = ctx.list_depth + 1;
            c.tight = b.tight;
            return c;
        };
        const Context ltr = item_context(false);
        const Context rtl = item_context(true);
        int number = b.start;
        for (const doc::Block& item : b.children) {
            const Context& ic = right_to_left(item) ? rtl : ltr;
            const std::size_t first = out_->size();
            for (const doc::Block& child : item.children) block(child, ic);
            if (out_->size() == first) emit(Fragment{ctx.text.leading, 0, {}, {}, false, false, 0}, ic);
            marker((*out_)[first], item, b.ordered, number++, ic);
            space(b.tight ? style_.list_item_spacing : style_.paragraph_spacing);
        }
        space(style_.paragraph_spacing);
    }

    /// Draws a list item's marker beside its first line: number, bullet or task box.
    void marker(Fragment& f, const doc::Block& item, bool ordered, int number, const Context& c) {
        const SpanStyle s = span_style(c.text);
        const Pt baseline = f.baseline > 0 ? f.baseline : c.text.leading * 0.75;
        const Pt gap = marker_gap(s);
        if (item.task != doc::TaskState::None) {
            const Pt side = s.size * 0.75;
            const Pt x = c.right_to_left ? c.left + c.width + gap : c.left - gap - side;
            const Rect box{x, -baseline - s.size * 0.05, side, side};
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
        hanging_text(f, ordered ? list_number(number) : bullets[(c.list_depth - 1) % 3], s, c);
    }

    /// An ordered list item's marker as drawn.
    static std::string list_number(int number) { return std::to_string(number) + "."; }

    /// The gap between a hanging marker (list marker, task box, footnote number) and its text.
    static Pt marker_gap(const SpanStyle& s) { return s.size * 0.45; }

    /// Sets `text` on the first baseline of `f`, ending a small gap before the column (list
    /// markers, footnote numbers). Returns the box of its line.
    Rect hanging_text(Fragment& f, const std::string& text, const SpanStyle& s, const Context& c) {
        const Pt baseline = f.baseline > 0 ? f.baseline : c.text.leading * 0.75;
        const Pt w = ts_.measure(text, s);
        const Pt x = c.right_to_left ? c.left + c.width + marker_gap(s) : c.left - marker_gap(s) - w;
        const auto dir = c.right_to_left ? shape::ParagraphDirection::RightToLeft : shape::ParagraphDirection::LeftToRight;
        for (frame::Item& it : ts_.set_text(text, s, {x, -baseline}, dir)) f.items.push_back(std::move(it));
        return {x, -c.text.leading, w, c.text.leading};
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
        // The text splits where the clusters do: the right part's text comes later in a
        // left-to-right run, earlier in a right-to-left one.
        frame::GlyphRun& later = run.right_to_left ? run : tail;
        frame::GlyphRun& earlier = run.right_to_left ? tail : run;
        std::uint32_t cut = static_cast<std::uint32_t>(run.text.size());
        for (const frame::Glyph& g : later.glyphs) cut = std::min(cut, g.cluster);
        const std::string text = std::move(run.text);
        later.text = text.substr(cut);
        earlier.text = text.substr(0, cut);
        for (frame::Glyph& g : later.glyphs) g.cluster -= cut;
        Pt w = 0;
        for (const frame::Glyph& g : run.glyphs) w += g.x_advance;
        tail.origin.x = run.origin.x + w;
        return tail;
    }

    /// Sets one source line of code, wrapped at the measure: prefers breaking after a space or
    /// punctuation in the last third of the line, else between any two clusters. Continuation
    /// lines are indented and start with a drawn hook, which is not text (copying the code
    /// gives the original line).
    std::vector<SetLine> code_lines(std::string_view src, const SpanStyle& s, Pt width, const SourceLocation& where) {
        const auto [asc, desc] = ts_.vertical_metrics(s);
        const Pt leading = style_.code.leading;
        const Pt baseline = (leading - (asc - desc)) / 2 + asc;
        std::vector<frame::GlyphRun> runs;
        // Code reads left to right whatever the document's direction, as in an editor.
        for (frame::Item& it : ts_.set_text(expand_tabs(src), s, {0, -baseline}, shape::ParagraphDirection::LeftToRight, where))
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
                if (!style_.code_continuation_hook) {
                    run = std::move(tail);
                    continue;
                }
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
        SourceLocation where = b.location;
        where.line = b.text_line;
        while (true) {
            const std::size_t nl = text.find('\n', pos);
            const std::string_view src = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
            for (SetLine& l : code_lines(src, s, ctx.width - 2 * pad, where)) lines.push_back(std::move(l));
            ++where.line;
            if (nl == std::string_view::npos) break;
            pos = nl + 1;
        }
        space(style_.paragraph_spacing);
        const std::size_t n = lines.size();
        const bool short_block = n <= static_cast<std::size_t>(std::max(style_.code_keep_lines, 0));
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

    // ---- tables (table.cpp) -----------------------------------------------------------------

    void table(const doc::Block& b, const Context& ctx) {
        TableFragments t = table_fragments(b, ctx.left, ctx.width, style_, ts_, *this, right_to_left(b));
        if (t.header.empty()) return;
        space(style_.paragraph_spacing);
        for (Fragment& f : t.header) emit(std::move(f), ctx);
        if (!t.body.empty()) {
            for (const Decoration& d : ctx.decorations) t.repeated_header.decorations.push_back(d);
            flow_.table_headers.push_back(std::move(t.repeated_header));
            for (Fragment& f : t.body) {
                f.repeat_header = flow_.table_headers.size() - 1;
                emit(std::move(f), ctx);
            }
        }
        space(style_.paragraph_spacing);
    }

    // ---- footnotes ---------------------------------------------------------------------------

    /// Lays out each footnote into its own fragments (Flow::notes), set at the text width less
    /// the number's indent (on the right for a right-to-left note); pagination puts it at the
    /// foot of the page of the fragment that claimed it. A note no fragment claimed (its only
    /// reference sits where no link area is made, such as an alt text) is claimed by the last
    /// fragment, so that no note is lost.
    void notes(const Context& root) {
        // The numbers hang in the indent: it holds the widest of them ("10" and up).
        Pt number_indent = style_.footnote_indent;
        if (!doc_.footnotes.empty()) {
            const SpanStyle s = span_style(style_.footnote);
            int widest = 0;
            for (const doc::Block& fn : doc_.footnotes) widest = std::max(widest, fn.number);
            number_indent = std::max(number_indent, ts_.measure(std::to_string(widest), s) + marker_gap(s));
        }
        for (const doc::Block& fn : doc_.footnotes) {
            Context c = root;
            c.text = style_.footnote;
            c.right_to_left = right_to_left(fn);
            indent(c, number_indent);
            c.tight = true;
            Note note{fn.number, {}, c.right_to_left};
            out_ = &note.fragments;
            pending_space_ = 0;
            keep_following_ = 0;
            page_break_ = false;
            for (const doc::Block& child : fn.children) block(child, c);
            if (note.fragments.empty()) emit(Fragment{c.text.leading, 0, {}, {}, false, false, 0}, c);
            const bool claimed = note_claimed_.at(static_cast<std::size_t>(fn.number));
            if (!claimed) flow_.fragments.back().notes.push_back(flow_.notes.size());
            Fragment& first = note.fragments.front();
            first.space_before = style_.footnote_spacing;
            first.items.insert(first.items.begin(), frame::Anchor{footnote_anchor(fn.number), {root.left, 0}});
            // The number, in the indent, links back to the reference.
            SpanStyle s = span_style(c.text);
            if (claimed) s.color = style_.link_color;
            const Rect number = hanging_text(first, std::to_string(fn.number), s, c);
            if (claimed) first.items.push_back(frame::LinkArea{number, "", reference_anchor(fn.number)});
            flow_.notes.push_back(std::move(note));
        }
        out_ = &flow_.fragments;
    }
};

}  // namespace

Flow layout_document(const doc::Document& doc, const style::Style& style, Typesetter& typesetter,
                     const Options& options, DiagnosticSink& sink) {
    return Layouter(doc, style, typesetter, options, sink).run();
}

}  // namespace galley::layout
