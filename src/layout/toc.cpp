// The generated table of contents: headings down to toc.depth, numbered as the body numbers
// them, with dot leaders on a common grid and right-aligned page labels, each entry a link;
// the top level in bold with space above each group; right-to-left entries mirror.
#include <algorithm>
#include <cmath>
#include <span>

#include "layout/blocks.h"

namespace galley::layout {

namespace {

/// The entries of `blocks`: headings down to `depth` outside lists (and in quotes). Every
/// heading is counted by `numbers` in document order, as the body counts them; the entry's
/// text is the heading's as typeset (smart punctuation).
void collect_toc(std::span<const doc::Block> blocks, const InlineText& text, int depth, bool listed,
                 SectionNumbers& numbers, std::vector<Heading>& out) {
    for (const doc::Block& b : blocks) {
        if (b.kind == doc::BlockKind::Heading) {
            const std::string number = b.unnumbered ? std::string() : numbers.next(std::clamp(b.level, 1, 6));
            if (listed && b.level <= depth)
                out.push_back({(number.empty() ? "" : number + " ") + text.plain_text(b.inlines), b.level, b.slug});
        } else {
            collect_toc(b.children, text, depth,
                        listed && (b.kind == doc::BlockKind::BlockQuote || b.kind == doc::BlockKind::Callout), numbers,
                        out);
        }
    }
}

/// The label of the page an anchor landed on in the previous pass ("0" before there was one).
std::string page_of(const Options& options, const std::string& slug) {
    if (!options.anchor_pages) return "0";
    auto it = options.anchor_pages->find(slug);
    if (it == options.anchor_pages->end()) return "0";
    const auto page = static_cast<std::size_t>(it->second);
    if (options.page_labels && page >= 1 && page <= options.page_labels->size()) return (*options.page_labels)[page - 1];
    return std::to_string(page);
}

/// Leader dots placed one by one on the dot grid. In a right-to-left entry they are a
/// right-to-left run, so that text extraction reads title, leaders, number in that order.
std::vector<frame::Item> leader_run(Typesetter& ts, std::size_t count, const SpanStyle& s, Pt x0, Pt pitch, Pt y,
                                    bool right_to_left) {
    std::vector<frame::Item> runs = ts.set_text(".", s, {x0, y});
    if (runs.empty()) return runs;
    auto& run = std::get<frame::GlyphRun>(runs.front());
    if (run.glyphs.empty()) return runs;
    const frame::Glyph dot = run.glyphs.front();
    run.glyphs.clear();
    run.text.clear();
    run.right_to_left = right_to_left;
    for (std::size_t i = 0; i < count; ++i) {
        frame::Glyph g = dot;
        g.x_advance = pitch;
        g.cluster = static_cast<std::uint32_t>(right_to_left ? count - 1 - i : i);
        run.glyphs.push_back(g);
        run.text += '.';
    }
    return runs;
}

/// The geometry every entry shares.
struct TocGrid {
    SpanStyle body;
    SpanStyle top;    // top-level entries
    int top_level = 1;
    Pt number_column = 0;  // room for the page numbers
    Pt dot_pitch = 0;
};

/// One entry: its title lines, then leaders and page number on the last line, all a link
/// (TOCI > Link, in `toc`; the leaders are artifacts).
void toc_entry(Blocks& b, const Heading& h, const TocGrid& grid, const Context& ctx, std::uint32_t toc) {
    const Pt indent = (h.level - grid.top_level) * b.style.list_indent * 0.8;
    SpanStyle text = h.level == grid.top_level ? grid.top : grid.body;
    Structure& st = b.structure();
    text.tag = text.link_tag = st.leaf(frame::StructType::Link, st.open(frame::StructType::TOCI, toc));
    text.link_text = h.title;
    std::vector<Span> spans{{h.title, text, {}}};
    spans[0].style.link_dest = h.slug;
    ParagraphStyle ps;
    ps.width = ctx.width - indent - grid.number_column - grid.dot_pitch * 3;
    ps.leading = b.style.body.leading;
    ps.justify = false;
    ps.align = ParagraphStyle::Align::Left;  // placed below, on the side the title starts
    std::vector<SetLine> lines = b.text.lines(spans, ps);
    if (lines.empty()) return;
    // A right-to-left entry mirrors: indented from the right, title flush right, page number
    // at the left margin, leaders between.
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
    const std::string num = page_of(b.options, h.slug);
    const Pt num_w = b.ts.measure(num, text);
    const Pt right = ctx.left + ctx.width;
    // The stretch of the last line between title and number (page space), for leaders.
    const Pt gap_from = rtl ? ctx.left + num_w : c.left + title_width;
    const Pt gap_to = rtl ? c.left + c.width - title_width : right - num_w;
    std::vector<frame::Item> extra;
    // Leader dots on a grid common to all entries, so they line up down the page.
    const Pt pitch = grid.dot_pitch;
    const Pt first_dot = std::ceil((gap_from + pitch) / pitch) * pitch;
    std::size_t dots = 0;
    for (Pt x = first_dot; x + pitch < gap_to - pitch; x += pitch) ++dots;
    SpanStyle leader = grid.body;
    leader.features = {false, false};
    if (dots > 0)
        for (frame::Item& it : leader_run(b.ts, dots, leader, first_dot, pitch, -last.baseline, rtl))
            extra.push_back(std::move(it));
    for (frame::Item& it : b.ts.set_text(num, text, {rtl ? ctx.left : right - num_w, -last.baseline}))
        extra.push_back(std::move(it));
    // The leaders and the number link too (the title is a link by its span).
    const Pt link_from = rtl ? ctx.left : gap_from;
    const Pt link_to = rtl ? gap_to : right;
    extra.push_back(
        frame::LinkArea{{link_from, -last.height, link_to - link_from, last.height}, "", h.slug, text.tag, h.title});
    for (frame::Item& it : extra) {
        frame::translate(it, -c.left, 0);
        last.items.push_back(std::move(it));
    }
    b.list.emit_lines(std::move(lines), c.left, c.decorations, false);
    b.list.space(1);
}

}  // namespace

bool toc(Blocks& b, const Context& ctx, std::size_t first_block) {
    std::vector<Heading> entries;
    SectionNumbers numbers(b.style);
    const std::vector<doc::Block>& blocks = b.doc.blocks;
    collect_toc(std::span(blocks).subspan(std::min(first_block, blocks.size())), b.text, b.style.toc_depth, true, numbers,
                entries);
    if (entries.empty()) return false;  // no headings: no contents, rather than a title alone
    heading_text(b, {{doc::InlineKind::Text, b.style.toc_title}}, "", 2, b.style.heading[1], ctx, false);
    const std::uint32_t element = b.structure().open(frame::StructType::TOC, ctx.parent);
    TocGrid grid;
    grid.body = span_style(b.style.body);
    grid.top = grid.body;
    if (b.style.toc_top_bold) grid.top.face_style = {true, false};
    grid.top_level = 6;
    for (const Heading& h : entries) grid.top_level = std::min(grid.top_level, h.level);
    grid.number_column = b.ts.measure("0000", grid.top);
    grid.dot_pitch = grid.body.size * 0.45;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (i > 0 && entries[i].level == grid.top_level) b.list.space(b.style.toc_group_space);
        toc_entry(b, entries[i], grid, ctx, element);
    }
    b.list.space(b.style.paragraph_spacing * 2);
    return true;
}

}  // namespace galley::layout
