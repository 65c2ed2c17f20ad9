// The title block: the front matter's title, subtitle or description, authors and date, then
// a rule and the abstract; on a page of its own with title.page.
#include "layout/blocks.h"
#include "layout/figure.h"

namespace galley::layout {

namespace {

/// Where a front matter value came from: the first of `keys` the front matter has.
SourceLocation location_of(const doc::Metadata& m, std::initializer_list<const char*> keys) {
    for (const char* k : keys)
        if (const doc::Value* v = m.raw.find(k)) return v->location;
    return {};
}

/// A line of the title block (subtitle, byline), kept with the title.
void title_line(Blocks& b, const std::string& text, const style::TextStyle& ts, const SourceLocation& where,
                const Context& ctx) {
    if (text.empty()) return;
    std::vector<Span> spans{{text, span_style(ts), where}};
    spans[0].style.tag = b.structure().leaf(frame::StructType::P, ctx.parent);
    ParagraphStyle ps;
    ps.width = ctx.width;
    ps.leading = ts.leading;
    ps.justify = false;
    b.list.emit_lines(b.text.lines(spans, ps), ctx.left, ctx.decorations, true);
}

/// The front matter's abstract under the title block: a small heading, then the text indented
/// on both sides.
void abstract(Blocks& b, const Context& ctx) {
    const doc::Metadata& m = b.doc.metadata;
    if (m.abstract.empty()) return;
    Context c = ctx;
    if (ctx.width - 2 * b.style.quote_indent >= b.style.text_width() / 3) {
        c.left += b.style.quote_indent;
        c.width -= 2 * b.style.quote_indent;
    }
    SpanStyle heading = span_style(b.style.body);
    heading.face_style = {true, false};
    Structure& st = b.structure();
    heading.tag = st.leaf(frame::StructType::P, ctx.parent);
    SpanStyle text = span_style(b.style.body);
    text.tag = st.leaf(frame::StructType::P, ctx.parent);
    const SourceLocation where = location_of(m, {"abstract"});
    ParagraphStyle ps;
    ps.width = c.width;
    ps.leading = b.style.body.leading;
    ps.justify = false;
    b.list.emit_lines(b.text.lines({{b.style.abstract_title, heading, where}}, ps), c.left, c.decorations, true);
    b.list.space(b.style.paragraph_spacing / 2);
    ps.justify = b.style.justify;
    ps.hyphenate = true;
    b.list.emit_lines(b.text.lines({{m.abstract, text, where}}, ps), c.left, c.decorations, false);
    b.list.space(b.style.paragraph_spacing * 2);
}

/// The title page's logo (title.logo), centred above the title, at most title.logo-height tall.
void logo(Blocks& b, const Context& ctx) {
    const doc::Metadata& m = b.doc.metadata;
    doc::Inline image{doc::InlineKind::Image};
    image.url = b.style.title_logo;
    image.location = location_of(m, {"logo", "titlepage-logo"});
    const Picture* picture = b.text.picture(image);
    if (!picture) return;  // warned about, with the path
    FigurePlace place{ctx.left, ctx.width, b.style.title_logo_height, {}};
    for (Fragment& f : figure_fragments(image, picture, place, b.style, b.text)) b.list.emit(std::move(f), ctx.decorations);
    b.list.space(b.style.title.leading);
}

}  // namespace

bool title_block(Blocks& b, const Context& ctx, std::size_t& first_block) {
    const doc::Metadata& m = b.doc.metadata;
    if (m.title.empty()) {
        abstract(b, ctx);
        return false;
    }
    // On a title page the block stands a quarter of the way down.
    if (b.style.title_page) {
        Fragment spacer;
        spacer.height = b.style.text_height() / 4;
        b.list.emit(std::move(spacer), ctx.decorations);
        if (!b.style.title_logo.empty()) logo(b, ctx);
    }
    // A first H1 that repeats the title is the title: set once, in the title style.
    std::vector<doc::Inline> title_inlines{{doc::InlineKind::Text, m.title}};
    title_inlines[0].location = location_of(m, {"title"});
    std::string slug;
    bool listed = false;
    const std::vector<doc::Block>& blocks = b.doc.blocks;
    if (!blocks.empty() && blocks[0].kind == doc::BlockKind::Heading && blocks[0].level == 1 &&
        doc::plain_text(blocks[0].inlines) == m.title) {
        title_inlines = blocks[0].inlines;
        slug = blocks[0].slug;
        listed = true;
        first_block = 1;
    }
    heading_text(b, title_inlines, slug, 1, b.style.title, ctx, listed, frame::StructType::Title);
    if (!m.subtitle.empty())
        title_line(b, m.subtitle, b.style.subtitle, location_of(m, {"subtitle"}), ctx);
    else
        title_line(b, m.description, b.style.subtitle, location_of(m, {"description", "summary"}), ctx);
    std::string byline;
    for (const std::string& a : m.authors) byline += (byline.empty() ? "" : ", ") + a;
    if (m.date) byline += (byline.empty() ? "" : " \u00B7 ") + m.date->text.substr(0, 10);
    b.list.space(b.style.meta.leading * 0.5);  // the byline apart from the subtitle
    title_line(b, byline, b.style.meta, location_of(m, {"author", "authors", "date"}), ctx);
    std::vector<Fragment>& out = b.list.fragments();
    if (!out.empty()) out.back().keep_with_next = false;
    b.list.space(b.style.paragraph_spacing * 2);
    rule(b, ctx);
    abstract(b, ctx);
    if (b.style.title_page) b.list.break_page();
    return true;
}

}  // namespace galley::layout
