#include "layout/vertical_list.h"

#include <algorithm>

namespace galley::layout {

void place_line(SetLine& line, Fragment& f, Pt dx, Pt dy) {
    for (frame::Item& it : line.items) {
        frame::translate(it, dx, dy);
        f.items.push_back(std::move(it));
    }
    for (FootnoteRef& ref : line.footnotes) {
        ref.area.x += dx, ref.area.y += dy;
        f.footnote_refs.push_back(ref);
    }
}

VerticalList::VerticalList(Flow& flow, const style::Style& style, std::size_t footnotes)
    : flow_(flow), style_(style), out_(&flow.fragments), note_claimed_(footnotes + 1, false) {}

Fragment& VerticalList::emit(Fragment f, const std::vector<Decoration>& decorations) {
    f.space_before = std::max(f.space_before, pending_.space);
    pending_.space = 0;
    if (pending_.page_break) {
        f.page_break_before = true;
        f.odd_page = std::exchange(pending_.odd_page, false);
        pending_.page_break = false;
    }
    f.starts_body = std::exchange(pending_.starts_body, false);
    if (f.heading && pending_.borrowed_keep && !out_->empty()) out_->back().keep_with_next = false;
    pending_.borrowed_keep = pending_.keep_following > 0 && !f.keep_with_next;
    if (pending_.keep_following > 0) {
        f.keep_with_next = true;
        --pending_.keep_following;
    }
    for (const Decoration& d : decorations) f.decorations.push_back(d);
    if (out_ == &flow_.fragments) {
        claim_notes(f);
        ++body_fragments_;
    }
    out_->push_back(std::move(f));
    return out_->back();
}

/// Claims for `f` the footnotes first referenced in it: pagination sets them on its page. The
/// first reference also gets the anchor the note links back to.
void VerticalList::claim_notes(Fragment& f) {
    for (const FootnoteRef& ref : f.footnote_refs) {
        const int n = ref.number;
        if (n < 1 || static_cast<std::size_t>(n) >= note_claimed_.size() || note_claimed_[n]) continue;
        note_claimed_[n] = true;
        f.notes.push_back(static_cast<std::size_t>(n - 1));
        claims_.push_back(static_cast<std::size_t>(n - 1));
        f.items.push_back(frame::Anchor{reference_anchor(n), {ref.area.x, ref.area.y + ref.area.height}});
    }
    f.footnote_refs.clear();
    // A table row holds its cells' references column by column; the notes go in order.
    std::sort(f.notes.begin(), f.notes.end());
}

std::size_t VerticalList::emit_lines(std::vector<SetLine> lines, Pt left, const std::vector<Decoration>& decorations,
                                     bool heading) {
    const std::size_t first = out_->size();
    const std::size_t n = lines.size();
    const std::uint32_t paragraph = ++paragraph_count_;
    // Orphans and widows: the first `orphans` lines keep together, and so do the last `widows`
    // (the widow rule wins where they overlap in a short paragraph).
    const std::size_t orphans = static_cast<std::size_t>(std::max(style_.orphans, 1));
    const std::size_t widows = static_cast<std::size_t>(std::max(style_.widows, 1));
    for (std::size_t i = 0; i < n; ++i) {
        Fragment f;
        f.height = lines[i].height;
        f.baseline = lines[i].baseline;
        place_line(lines[i], f, left, 0);
        f.keep_with_next = heading || (i + 1 < n && (i + 1 < orphans || i + widows >= n));
        f.paragraph = heading ? 0 : paragraph;
        f.line = static_cast<std::uint32_t>(i);
        f.lines = static_cast<std::uint32_t>(n);
        f.heading = heading;
        emit(std::move(f), decorations);
    }
    return first;
}

void VerticalList::begin_note(std::vector<Fragment>& note) {
    out_ = &note;
    body_pending_ = std::exchange(pending_, Pending{});
}

void VerticalList::end_note() {
    out_ = &flow_.fragments;
    pending_ = body_pending_;
}

}  // namespace galley::layout
