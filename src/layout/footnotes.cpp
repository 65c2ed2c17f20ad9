// Footnotes: each note laid out into its own fragments, its number hanging in the indent and
// linking back to the first reference; pagination sets it at the foot of the page of the
// fragment that claimed it.
#include <algorithm>

#include "layout/blocks.h"

namespace galley::layout {

/// Each note is set at the text width less the number's indent (on the right for a
/// right-to-left note). A note no fragment claimed (its only reference sits where no link area
/// is made, such as an alt text) is claimed by the last fragment, so that no note is lost.
void notes(Blocks& b, const Context& root) {
    const style::Style& style = b.style;
    // The numbers hang in the indent: it holds the widest of them ("10" and up).
    Pt number_indent = style.footnote_indent;
    if (!b.doc.footnotes.empty()) {
        const SpanStyle s = span_style(style.footnote);
        int widest = 0;
        for (const doc::Block& fn : b.doc.footnotes) widest = std::max(widest, fn.number);
        number_indent = std::max(number_indent, b.ts.measure(std::to_string(widest), s) + marker_gap(s));
    }
    for (const doc::Block& fn : b.doc.footnotes) {
        Context c = root;
        c.text = style.footnote;
        c.right_to_left = b.right_to_left(fn);
        b.indent(c, number_indent);
        c.tight = true;
        Note note{fn.number, {}, c.right_to_left};
        b.list.begin_note(note.fragments);
        for (const doc::Block& child : fn.children) b.block(child, c);
        if (note.fragments.empty()) b.list.emit(Fragment{c.text.leading, 0, {}, {}, false, false, 0}, c.decorations);
        b.list.end_note();
        const bool claimed = b.list.claimed(fn.number);
        if (!claimed) b.flow.fragments.back().notes.push_back(b.flow.notes.size());
        Fragment& first = note.fragments.front();
        first.space_before = style.footnote_spacing;
        first.items.insert(first.items.begin(), frame::Anchor{VerticalList::footnote_anchor(fn.number), {root.left, 0}});
        // The number, in the indent, links back to the reference.
        SpanStyle s = span_style(c.text);
        if (claimed) s.color = style.link_color;
        const Rect number = hanging_text(b, first, std::to_string(fn.number), s, c);
        if (claimed) first.items.push_back(frame::LinkArea{number, "", VerticalList::reference_anchor(fn.number)});
        b.flow.notes.push_back(std::move(note));
    }
}

}  // namespace galley::layout
