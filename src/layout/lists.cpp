// Lists: items indented from the side their text starts on, with a hanging marker (number,
// bullet or task box) beside the first line.
#include <algorithm>

#include "layout/blocks.h"

namespace galley::layout {

namespace {

/// An ordered list item's marker as drawn.
std::string list_number(int number) { return std::to_string(number) + "."; }

/// Draws a list item's marker beside its first line: number, bullet or task box, as `label`
/// (its Lbl element, or 0).
void marker(Blocks& b, Fragment& f, const doc::Block& item, bool ordered, int number, const Context& c,
            std::uint32_t label) {
    SpanStyle s = span_style(c.text);
    s.tag = b.structure().content(label);
    const Pt baseline = f.baseline > 0 ? f.baseline : c.text.leading * 0.75;
    const Pt gap = marker_gap(s);
    if (item.task != doc::TaskState::None) {
        const Pt side = s.size * 0.75;
        const Pt x = c.right_to_left ? c.left + c.width + gap : c.left - gap - side;
        const Rect box{x, -baseline - s.size * 0.05, side, side};
        // The drawn box is the label's content; it reads as a ballot box, ticked or not.
        const bool checked = item.task == doc::TaskState::Checked;
        if (frame::StructElement* e = b.structure().element(label)) e->actual_text = checked ? "\u2611" : "\u2610";
        f.items.push_back(frame::Box{box, std::nullopt, c.text.color, 0.6, s.tag});
        if (checked) {
            f.items.push_back(frame::Line{{box.x + side * 0.2, box.y + side * 0.5},
                                          {box.x + side * 0.42, box.y + side * 0.22}, 0.9, c.text.color, s.tag});
            f.items.push_back(frame::Line{{box.x + side * 0.42, box.y + side * 0.22},
                                          {box.x + side * 0.85, box.y + side * 0.85}, 0.9, c.text.color, s.tag});
        }
        return;
    }
    static const char* const bullets[] = {"\u2022", "\u2013", "\u2022"};
    hanging_text(b, f, ordered ? list_number(number) : bullets[(c.list_depth - 1) % 3], s, c);
}

}  // namespace

Rect hanging_text(Blocks& b, Fragment& f, const std::string& text, const SpanStyle& s, const Context& c) {
    const Pt baseline = f.baseline > 0 ? f.baseline : c.text.leading * 0.75;
    const Pt w = b.ts.measure(text, s);
    const Pt x = c.right_to_left ? c.left + c.width + marker_gap(s) : c.left - marker_gap(s) - w;
    const auto dir = c.right_to_left ? shape::ParagraphDirection::RightToLeft : shape::ParagraphDirection::LeftToRight;
    for (frame::Item& it : b.ts.set_text(text, s, {x, -baseline}, dir)) f.items.push_back(std::move(it));
    return {x, -c.text.leading, w, c.text.leading};
}

void list(Blocks& b, const doc::Block& l, const Context& ctx) {
    // An ordered list's indent holds its widest number with the gap after it, so that no
    // marker ("100.") reaches past the side of the text it hangs beside.
    Pt by = b.style.list_indent;
    if (l.ordered) {
        const SpanStyle s = span_style(ctx.text);
        int number = l.start;
        for (const doc::Block& item : l.children)
            if (const int n = number++; item.task == doc::TaskState::None)
                by = std::max(by, b.ts.measure(list_number(n), s) + marker_gap(s));
    }
    // One direction for the whole list, from the document, the list it is in, or else its
    // first item's first strong character (as dir=auto on the list element would): every item
    // is indented from that side with its marker there, and every paragraph in it takes it as
    // its base direction, so an item that starts with Hebrew stays in a left-to-right list.
    Context ic = ctx;
    ic.right_to_left = b.right_to_left(l, ctx);
    ic.direction = ic.right_to_left ? shape::ParagraphDirection::RightToLeft : shape::ParagraphDirection::LeftToRight;
    b.indent(ic, by);
    ic.list_depth = ctx.list_depth + 1;
    ic.tight = l.tight;
    // L > LI > (Lbl, LBody): the marker reads before the item's blocks.
    Structure& st = b.structure();
    const std::uint32_t element = st.open(frame::StructType::L, ctx.parent);
    if (frame::StructElement* e = st.element(element))
        e->numbering = l.ordered ? frame::StructElement::Numbering::Decimal : frame::StructElement::Numbering::Disc;
    int number = l.start;
    for (const doc::Block& item : l.children) {
        const std::uint32_t li = st.open(frame::StructType::LI, element);
        const std::uint32_t label = st.open(frame::StructType::Lbl, li);
        ic.parent = st.open(frame::StructType::LBody, li);
        std::vector<Fragment>& out = b.list.fragments();
        const std::size_t first = out.size();
        for (const doc::Block& child : item.children) b.block(child, ic);
        if (out.size() == first) b.list.emit(Fragment{ctx.text.leading, 0, {}, {}, false, false, 0}, ic.decorations);
        marker(b, out[first], item, l.ordered, number++, ic, label);
        b.list.space(l.tight ? b.style.list_item_spacing : b.style.paragraph_spacing);
    }
    b.list.space(b.style.paragraph_spacing);
}

}  // namespace galley::layout
