// The generated table of contents: headings of levels 1-3 with dot leaders on a common grid and
// right-aligned page numbers, each entry a link; right-to-left entries mirror.
#include <cmath>

#include "layout/blocks.h"

namespace galley::layout {

namespace {

void collect_toc(const std::vector<doc::Block>& blocks, const InlineText& text, std::vector<Heading>& out) {
    for (const doc::Block& b : blocks) {
        if (b.kind == doc::BlockKind::Heading && b.level <= 3)
            out.push_back({text.plain_text(b.inlines), b.level, b.slug});
        else if (b.kind == doc::BlockKind::BlockQuote)
            collect_toc(b.children, text, out);
    }
}

int page_of(const Options& options, const std::string& slug) {
    if (!options.anchor_pages) return 0;
    auto it = options.anchor_pages->find(slug);
    return it == options.anchor_pages->end() ? 0 : it->second;
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
    Pt number_column = 0;  // room for the page numbers
    Pt dot_pitch = 0;
};

/// One entry: its title lines, then leaders and page number on the last line, all a link.
void toc_entry(Blocks& b, const Heading& h, const TocGrid& grid, const Context& ctx) {
    const Pt indent = (h.level - 1) * b.style.list_indent * 0.8;
    std::vector<Span> spans{{h.title, grid.body, {}}};
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
    const std::string num = std::to_string(page_of(b.options, h.slug));
    const Pt num_w = b.ts.measure(num, grid.body);
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
    for (frame::Item& it : b.ts.set_text(num, grid.body, {rtl ? ctx.left : right - num_w, -last.baseline}))
        extra.push_back(std::move(it));
    // The leaders and the number link too (the title is a link by its span).
    const Pt link_from = rtl ? ctx.left : gap_from;
    const Pt link_to = rtl ? gap_to : right;
    extra.push_back(frame::LinkArea{{link_from, -last.height, link_to - link_from, last.height}, "", h.slug});
    for (frame::Item& it : extra) {
        frame::translate(it, -c.left, 0);
        last.items.push_back(std::move(it));
    }
    b.list.emit_lines(std::move(lines), c.left, c.decorations, false);
    b.list.space(1);
}

}  // namespace

void toc(Blocks& b, const Context& ctx) {
    std::vector<Heading> entries;
    collect_toc(b.doc.blocks, b.text, entries);
    if (entries.empty()) return;  // no headings: no contents, rather than a title alone
    heading_text(b, {{doc::InlineKind::Text, b.style.toc_title}}, "", 2, b.style.heading[1], ctx, false);
    TocGrid grid;
    grid.body = span_style(b.style.body);
    grid.number_column = b.ts.measure("0000", grid.body);
    grid.dot_pitch = grid.body.size * 0.45;
    for (const Heading& h : entries) toc_entry(b, h, grid, ctx);
    b.list.space(b.style.paragraph_spacing * 2);
}

}  // namespace galley::layout
