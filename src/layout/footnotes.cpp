// Footnotes: each note laid out into its own fragments, its number hanging in the indent and
// linking back to the first reference; pagination sets it at the foot of the page of the
// fragment that claimed it. Layouter lays a note out once a fragment has claimed it.
#include <algorithm>

#include "layout/blocks.h"

namespace galley::layout {

Pt note_number_indent(Blocks& b) {
    const style::Style& style = b.style;
    // The numbers hang in the indent: it holds the widest of them ("10" and up).
    Pt number_indent = style.footnote_indent;
    if (!b.doc.footnotes.empty()) {
        const SpanStyle s = span_style(style.footnote);
        int widest = 0;
        for (const doc::Block& fn : b.doc.footnotes) widest = std::max(widest, fn.number);
        number_indent = std::max(number_indent, b.ts.measure(std::to_string(widest), s) + marker_gap(s));
    }
    return number_indent;
}

/// A note is set at the text width less the number's indent (on the right for a right-to-left
/// note); its number links back to the first reference when a fragment claimed it.
void note(Blocks& b, std::size_t index, const Context& root, Pt number_indent) {
    const style::Style& style = b.style;
    const doc::Block& fn = b.doc.footnotes[index];
    Context c = root;
    c.text = style.footnote;
    c.right_to_left = b.right_to_left(fn, root);
    b.indent(c, number_indent);
    c.tight = true;
    Note& note = b.flow.notes[index];
    note = Note{fn.number, {}, c.right_to_left};
    // Note > (Lbl, blocks); the Note element stands after its first call (Structure::note).
    Structure& st = b.structure();
    c.parent = st.note(fn.number, 0);
    const std::uint32_t label = st.open(frame::StructType::Lbl, c.parent);
    b.list.begin_note(note.fragments);
    for (const doc::Block& child : fn.children) b.block(child, c);
    if (note.fragments.empty()) b.list.emit(Fragment{c.text.leading, 0, {}, {}, false, false, 0}, c.decorations);
    b.list.end_note();
    const bool claimed = b.list.claimed(fn.number);
    Fragment& first = note.fragments.front();
    first.space_before = style.footnote_spacing;
    first.items.insert(first.items.begin(), frame::Anchor{VerticalList::footnote_anchor(fn.number), {root.left, 0}});
    // The number, in the indent, links back to the reference.
    SpanStyle s = span_style(c.text);
    if (claimed) s.color = style.link_color;
    // A number that links back is a Link inside the label.
    const std::uint32_t back = claimed ? st.open(frame::StructType::Link, label) : label;
    s.tag = st.content(back);
    const Rect number = hanging_text(b, first, std::to_string(fn.number), s, c);
    if (claimed)
        first.items.push_back(frame::LinkArea{number, "", VerticalList::reference_anchor(fn.number), s.tag,
                                              "Back to the reference of note " + std::to_string(fn.number)});
}

}  // namespace galley::layout
