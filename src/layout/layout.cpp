// Block layout: dispatch by block kind; paragraphs, headings, block quotes, thematic breaks,
// figures and tables. The other kinds have files of their own (blocks.h).
#include "layout/layout.h"

#include <algorithm>

#include "base/utf8.h"
#include "layout/blocks.h"
#include "layout/figure.h"
#include "layout/table.h"
#include "shape/bidi.h"

namespace galley::layout {

namespace {

shape::ParagraphDirection paragraph_direction(doc::ParagraphDirection dir) {
    switch (dir) {
        case doc::ParagraphDirection::LeftToRight: return shape::ParagraphDirection::LeftToRight;
        case doc::ParagraphDirection::RightToLeft: return shape::ParagraphDirection::RightToLeft;
        case doc::ParagraphDirection::Auto: break;
    }
    return shape::ParagraphDirection::Auto;
}

/// The first block with inline text in `container`, depth first.
const doc::Block* first_text(const doc::Block& container) {
    for (const doc::Block& child : container.children) {
        if (!child.inlines.empty()) return &child;
        if (const doc::Block* inner = first_text(child)) return inner;
    }
    return nullptr;
}

/// The image of a paragraph that holds nothing else (spaces aside), perhaps inside a link
/// (then `link` is set): such a paragraph is a figure.
const doc::Inline* lone_image(const std::vector<doc::Inline>& ins, const doc::Inline*& link) {
    const doc::Inline* found = nullptr;
    for (const doc::Inline& in : ins) {
        const bool blank =
            (in.kind == doc::InlineKind::Text && in.text.find_first_not_of(" \t") == std::string::npos) ||
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

void figure(Blocks& b, const doc::Inline& image, const doc::Inline* link, const Context& ctx) {
    FigurePlace place{ctx.left, ctx.width, b.style.text_height(), {}, b.style.figure_numbering ? &b.flow.figures : nullptr};
    place.parent = ctx.parent;
    if (link) {
        b.text.link_target(*link, place.link);
        // A picture that links: Link > Figure.
        if (!place.link.link_uri.empty() || !place.link.link_dest.empty()) {
            place.parent = b.structure().open(frame::StructType::Link, ctx.parent);
            place.link.link_tag = b.structure().content(place.parent);
            place.link.link_text = doc::plain_text(image.children);
        }
    }
    b.list.space(b.style.figure_space);
    const Picture* picture = b.text.picture(image);
    for (Fragment& f : figure_fragments(image, picture, place, b.style, b.text)) b.list.emit(std::move(f), ctx.decorations);
    b.list.space(b.style.figure_space);
}

/// Whether `in` (an image, or a link around only an image) shows a picture taller than two
/// lines when set as a figure: such a picture among text is a figure of its own.
const doc::Inline* tall_image(Blocks& b, const doc::Inline& in, const Context& ctx, const doc::Inline*& link) {
    link = nullptr;
    const doc::Inline* image = nullptr;
    if (in.kind == doc::InlineKind::Image) {
        image = &in;
    } else if (in.kind == doc::InlineKind::Link) {
        const doc::Inline* nested = nullptr;
        image = lone_image(in.children, nested);
        if (!image || nested) return nullptr;
        link = &in;
    }
    if (!image) return nullptr;
    const Picture* picture = b.text.picture(*image);
    if (!picture) return nullptr;
    DiagnosticSink quiet;  // figure() warns about a bad size when it sets the picture
    const Size size = figure_size(*image, *picture, ctx.width, b.style.text_height(), b.style.figure_max_width, quiet);
    return size.height > 2 * ctx.text.leading ? image : nullptr;
}

/// Sets inlines as the lines of a paragraph.
void paragraph_text(Blocks& b, const std::vector<doc::Inline>& ins, const Context& ctx) {
    ParagraphStyle ps;
    ps.width = ctx.width;
    ps.leading = ctx.text.leading;
    ps.justify = b.style.justify;
    ps.hyphenate = true;
    ps.direction = ctx.direction;
    SpanStyle s = span_style(ctx.text);
    s.tag = b.structure().leaf(frame::StructType::P, ctx.parent);
    b.list.emit_lines(b.lines(ins, s, ps), ctx.left, ctx.decorations, false);
    b.list.space(ctx.tight ? b.style.list_item_spacing : b.style.paragraph_spacing);
}

/// The part [from, to) of a split paragraph, without the breaks and spaces at its ends; set
/// when anything is left.
void paragraph_part(Blocks& b, const std::vector<doc::Inline>& ins, std::size_t from, std::size_t to,
                    const Context& ctx) {
    const auto blank = [](const doc::Inline& in) {
        return in.kind == doc::InlineKind::SoftBreak || in.kind == doc::InlineKind::LineBreak ||
               (in.kind == doc::InlineKind::Text && in.text.find_first_not_of(" \t") == std::string::npos);
    };
    while (from < to && blank(ins[from])) ++from;
    while (to > from && blank(ins[to - 1])) --to;
    if (from < to) paragraph_text(b, {ins.begin() + static_cast<std::ptrdiff_t>(from), ins.begin() + static_cast<std::ptrdiff_t>(to)}, ctx);
}

void paragraph(Blocks& b, const std::vector<doc::Inline>& ins, const Context& ctx) {
    const doc::Inline* link = nullptr;
    if (const doc::Inline* image = lone_image(ins, link)) return figure(b, *image, link, ctx);
    // A picture taller than two lines would stretch its line: it becomes a figure between the
    // text before it and the text after it; smaller ones (badges, icons) stay in the line.
    std::size_t start = 0;
    for (std::size_t i = 0; i < ins.size(); ++i) {
        if (const doc::Inline* image = tall_image(b, ins[i], ctx, link)) {
            paragraph_part(b, ins, start, i, ctx);
            figure(b, *image, link, ctx);
            start = i + 1;
        }
    }
    if (start == 0)
        paragraph_text(b, ins, ctx);
    else
        paragraph_part(b, ins, start, ins.size(), ctx);
}

void heading(Blocks& b, const doc::Block& h, const Context& ctx) {
    const int level = std::clamp(h.level, 1, 6);
    // An odd page is asked for the first h1 too: a title page or contents may end on an odd page.
    if (level == 1 && b.style.h1_new_page && (b.style.h1_odd_page || !b.list.fragments().empty()))
        b.list.break_page(b.style.h1_odd_page);
    const std::string number = h.unnumbered ? std::string() : b.numbers.next(level);
    heading_text(b, numbered(h.inlines, number), h.slug, level, b.style.heading[level - 1], ctx, true);
}

void quote(Blocks& b, const doc::Block& q, const Context& ctx) {
    Context c = ctx;
    c.right_to_left = b.right_to_left(q, ctx);
    b.indent(c, b.style.quote_indent);
    if (c.width < ctx.width) {
        // The bar stands on the side the quote's lines start from.
        const Pt bar = c.right_to_left ? ctx.left + ctx.width - b.style.quote_bar_width : ctx.left;
        c.decorations.push_back({bar, b.style.quote_bar_width, b.style.quote_bar_color, true});
    }
    c.text.color = b.style.quote_text_color;
    c.parent = b.structure().open(frame::StructType::BlockQuote, ctx.parent);
    barred_block(b, ctx, c, [&] {
        for (const doc::Block& child : q.children) b.block(child, c);
    });
}

void table(Blocks& b, const doc::Block& t, const Context& ctx) {
    // Table > Caption, THead, TBody: the caption reads first, as it stands above.
    Structure& st = b.structure();
    const std::uint32_t element = st.open(frame::StructType::Table, ctx.parent);
    const frame::Tag caption_tag = t.inlines.empty() ? frame::Tag{} : st.leaf(frame::StructType::Caption, element);
    TableFragments set = table_fragments(t, ctx.left, ctx.width, b.style, b.ts, b.text, b.right_to_left(t, ctx), element);
    if (set.header.empty()) return;
    b.list.space(b.style.block_spacing);
    // The caption stands above the table, kept with its header and first rows.
    std::vector<Fragment> caption = caption_fragments(t.inlines, b.style.table_label,
                                                      b.style.figure_numbering ? &b.flow.tables : nullptr, ctx.left,
                                                      ctx.width, false, b.style, b.text, caption_tag);
    if (!caption.empty() && !t.slug.empty())
        caption.front().items.insert(caption.front().items.begin(), frame::Anchor{t.slug, {ctx.left, 0}});
    for (Fragment& f : caption) b.list.emit(std::move(f), ctx.decorations);
    if (!caption.empty()) b.list.space(b.style.figure_caption_gap);
    for (Fragment& f : set.header) b.list.emit(std::move(f), ctx.decorations);
    if (!set.body.empty()) {
        for (const Decoration& d : ctx.decorations) set.repeated_header.decorations.push_back(d);
        b.flow.table_headers.push_back(std::move(set.repeated_header));
        for (Fragment& f : set.body) {
            f.repeat_header = b.flow.table_headers.size() - 1;
            b.list.emit(std::move(f), ctx.decorations);
        }
    }
    b.list.space(b.style.block_spacing);
}

}  // namespace

void barred_block(Blocks& b, const Context& outer, const Context& inner, const std::function<void()>& draw) {
    b.list.space(b.style.block_spacing);
    const std::size_t first = b.list.fragments().size();
    draw();
    std::vector<Fragment>& out = b.list.fragments();
    if (inner.decorations.size() > outer.decorations.size() && first < out.size() &&
        out[first].decorations.size() > outer.decorations.size())
        out[first].decorations[outer.decorations.size()].covers_space_before = false;
    b.list.space(b.style.block_spacing);
}

void Blocks::block(const doc::Block& b, const Context& ctx) {
    switch (b.kind) {
        case doc::BlockKind::Paragraph: paragraph(*this, b.inlines, ctx); break;
        case doc::BlockKind::Heading: heading(*this, b, ctx); break;
        case doc::BlockKind::BlockQuote: quote(*this, b, ctx); break;
        case doc::BlockKind::Callout: callout(*this, b, ctx); break;
        case doc::BlockKind::List: layout::list(*this, b, ctx); break;
        case doc::BlockKind::CodeBlock: code_block(*this, b, ctx); break;
        case doc::BlockKind::Math: display_math(*this, b, ctx); break;
        case doc::BlockKind::ThematicBreak: rule(*this, ctx); break;
        case doc::BlockKind::PageBreak: list.break_page(); break;
        case doc::BlockKind::Table: table(*this, b, ctx); break;
        case doc::BlockKind::DefinitionList: definition_list(*this, b, ctx); break;
        default:
            for (const doc::Block& c : b.children) block(c, ctx);
            break;
    }
}

void Blocks::indent(Context& c, Pt by) const {
    if (c.width - by < style.text_width() / 3) return;
    if (!c.right_to_left) c.left += by;
    c.width -= by;
}

bool Blocks::right_to_left(const doc::Block& container, const Context& ctx) const {
    if (direction != shape::ParagraphDirection::Auto) return direction == shape::ParagraphDirection::RightToLeft;
    if (ctx.direction != shape::ParagraphDirection::Auto) return ctx.direction == shape::ParagraphDirection::RightToLeft;
    const doc::Block* first = first_text(container);
    if (!first) return false;
    const std::string t = doc::plain_text(first->inlines);
    return utf8::may_hold_rtl(t) && shape::BidiParagraph(t).base_level() % 2 == 1;
}

void heading_text(Blocks& b, const std::vector<doc::Inline>& ins, const std::string& slug, int level,
                  const style::TextStyle& ts, const Context& ctx, bool listed, std::optional<frame::StructType> type) {
    b.list.space(b.style.heading_space_before[level - 1]);
    ParagraphStyle ps;
    ps.width = ctx.width;
    ps.leading = ts.leading;
    ps.justify = false;
    SpanStyle s = span_style(ts);
    s.tag = b.structure().leaf(type.value_or(frame::heading_type(level)), ctx.parent);
    const std::size_t first = b.list.emit_lines(b.lines(ins, s, ps), ctx.left, ctx.decorations, true);
    std::vector<Fragment>& out = b.list.fragments();
    if (first < out.size() && !slug.empty())
        out[first].items.insert(out[first].items.begin(), frame::Anchor{slug, {ctx.left, 0}});
    // An empty heading (`#` alone) sets no line: it has nothing to show in the outline or the
    // contents and no place for an anchor, so it is left out of both.
    if (listed && first < out.size()) b.flow.headings.push_back({b.text.plain_text(ins), level, slug});
    b.list.keep_following(1);
    b.list.space(b.style.heading_space_after[level - 1]);
}

void rule(Blocks& b, const Context& ctx) {
    Fragment f;
    f.height = b.style.body.leading;
    f.space_before = b.style.paragraph_spacing;
    const Pt y = -f.height / 2;
    f.items.push_back(frame::Line{{ctx.left, y}, {ctx.left + ctx.width, y}, b.style.rule_width, b.style.rule_color});
    b.list.emit(std::move(f), ctx.decorations);
    b.list.space(b.style.paragraph_spacing);
}

struct Layouter::State {
    State(const doc::Document& doc, const style::Style& style, Typesetter& ts, const Options& options,
          DiagnosticSink& sink)
        : structure(flow.structure, options.tagged),
          list(flow, style, doc.footnotes.size()),
          text(doc, style, ts, options, sink, paragraph_direction(doc.metadata.dir), structure),
          numbers(style),
          b{doc, style, ts, options, text, list, flow, numbers, paragraph_direction(doc.metadata.dir)} {
        root.left = style.margin_left;
        root.width = style.text_width();
        root.text = style.body;
        root.parent = structure.root();
        flow.notes.resize(doc.footnotes.size());
        blocks = &doc.blocks;
    }

    /// Whether a block is left to lay out, reading the next section when needed.
    bool more_blocks() {
        while (next_block == blocks->size()) {
            if (!b.options.next_blocks || !b.options.next_blocks(section)) return false;
            blocks = &section;
            next_block = 0;
        }
        return true;
    }

    Flow flow;
    Structure structure;
    VerticalList list;
    InlineText text;
    SectionNumbers numbers;
    Blocks b;
    Context root;
    Pt number_indent = 0;
    /// The blocks being laid out: the document's, then each further section's.
    const std::vector<doc::Block>* blocks = nullptr;
    std::vector<doc::Block> section;
    std::size_t next_block = 0;
    bool started = false;
    bool done = false;

    /// The title block and contents; the body after a title page or contents starts a new
    /// page, numbered 1 when the style numbers front matter apart.
    void front_matter() {
        const bool title_page = title_block(b, root, next_block) && b.style.title_page;
        const bool contents = b.options.toc && toc(b, root, next_block);
        if (!title_page && !contents) return;
        if (b.style.front_matter_numbering == "roman") {
            flow.front_matter = true;
            list.start_body();
        } else if (title_page && !contents) {
            list.break_page();
        }
    }

    /// Lays out the notes claimed since the last call, in claim order.
    void claimed_notes() {
        for (std::size_t index : list.take_claims()) note(b, index, root, number_indent);
    }

    /// The notes no fragment claimed (their only reference sits where no link area is made,
    /// such as an alt text) go with the last fragment, so that no note is lost.
    void unclaimed_notes() {
        if (list.body_fragments() == 0) flow.fragments.push_back(Fragment{});
        for (std::size_t index = 0; index < b.doc.footnotes.size(); ++index) {
            if (list.claimed(b.doc.footnotes[index].number)) continue;
            note(b, index, root, number_indent);
            flow.fragments.back().notes.push_back(index);
        }
    }
};

Layouter::Layouter(const doc::Document& doc, const style::Style& style, Typesetter& typesetter, const Options& options,
                   DiagnosticSink& sink)
    : state_(std::make_unique<State>(doc, style, typesetter, options, sink)) {}

Layouter::~Layouter() = default;

Flow& Layouter::flow() { return state_->flow; }

bool Layouter::step() {
    State& s = *state_;
    if (s.done) return false;
    if (!s.started) {
        s.started = true;
        s.number_indent = note_number_indent(s.b);
        s.front_matter();
    } else if (s.more_blocks()) {
        s.b.block((*s.blocks)[s.next_block++], s.root);
    }
    s.claimed_notes();
    if (s.more_blocks()) return true;
    s.unclaimed_notes();
    s.done = true;
    return false;
}

Flow layout_document(const doc::Document& doc, const style::Style& style, Typesetter& typesetter,
                     const Options& options, DiagnosticSink& sink) {
    Layouter layouter(doc, style, typesetter, options, sink);
    while (layouter.step()) {
    }
    return std::move(layouter.flow());
}

}  // namespace galley::layout
