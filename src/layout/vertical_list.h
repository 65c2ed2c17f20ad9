// The one owner of the vertical list's state while blocks are laid out: the space pending
// between blocks, keeps (headings with what follows, orphans and widows), manual page breaks,
// paragraph numbers, and which fragment claims each footnote.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "layout/layout.h"
#include "style/style.h"

namespace galley::layout {

class VerticalList {
public:
    /// Appends to `flow.fragments`; `footnotes` is how many notes the document defines.
    VerticalList(Flow& flow, const style::Style& style, std::size_t footnotes);

    /// Asks for at least `s` points of space before the next fragment (spaces do not add up:
    /// the largest wins).
    void space(Pt s) { pending_.space = std::max(pending_.space, s); }
    /// The next fragment starts a new page.
    void break_page(bool odd = false) {
        pending_.page_break = true;
        pending_.odd_page = pending_.odd_page || odd;
    }
    /// The next fragment starts the body after the front matter (title page, contents): a new
    /// page, numbered 1 when the front matter is numbered apart.
    void start_body() { pending_.page_break = pending_.starts_body = true; }
    /// The next `n` fragments keep with their next (a heading moves with at least two lines of
    /// what follows, even when the first is a one-line list item).
    void keep_following(int n) { pending_.keep_following = n; }

    /// Appends `f` with the pending space, keeps and page break, and the decorations of the
    /// containers it is in; a body fragment claims the footnotes first referenced in it.
    Fragment& emit(Fragment f, const std::vector<Decoration>& decorations);
    /// Sets lines as fragments at `left`, numbered as one paragraph (orphan and widow keeps),
    /// or all kept together as a heading when `heading`; returns the index of the first.
    std::size_t emit_lines(std::vector<SetLine> lines, Pt left, const std::vector<Decoration>& decorations,
                           bool heading);

    /// The fragments emitted so far to the current target.
    std::vector<Fragment>& fragments() { return *out_; }

    /// Lays out into `note` (a footnote's own fragments) until end_note(); state starts afresh,
    /// and the body's (pending space, keeps, page break) is back after end_note().
    void begin_note(std::vector<Fragment>& note);
    void end_note();
    /// Whether a body fragment claimed note `number` (its first reference).
    bool claimed(int number) const { return note_claimed_.at(static_cast<std::size_t>(number)); }
    /// The notes claimed since the last call, as indices into Flow::notes in claim order.
    std::vector<std::size_t> take_claims() { return std::exchange(claims_, {}); }
    /// How many body fragments were emitted so far.
    std::size_t body_fragments() const { return body_fragments_; }

    /// Footnote anchors: a note, and its first reference (the note links back to it). The colon
    /// keeps them apart from heading slugs, which never hold one.
    static std::string footnote_anchor(int n) { return "fn:" + std::to_string(n); }
    static std::string reference_anchor(int n) { return "fnref:" + std::to_string(n); }

private:
    void claim_notes(Fragment& f);

    /// What emit() carries from one fragment to the next.
    struct Pending {
        Pt space = 0;
        int keep_following = 0;
        /// The last fragment keeps with its next only for the heading above it (through
        /// keep_following), not by a rule of its own: the heading's section ended after one line.
        /// A heading that comes next drops that keep, so a heading's chain never runs on into the
        /// next heading's chain (which would move a complete short section to the next page).
        bool borrowed_keep = false;
        bool page_break = false;
        bool odd_page = false;
        bool starts_body = false;
    };

    Flow& flow_;
    const style::Style& style_;
    /// Where emit() puts fragments: the body, or a footnote's own list while it is laid out.
    std::vector<Fragment>* out_;
    Pending pending_;
    Pending body_pending_;  // the body's, while a note is laid out
    std::uint32_t paragraph_count_ = 0;
    std::size_t body_fragments_ = 0;
    /// Per footnote number: whether a fragment of the body has claimed it.
    std::vector<bool> note_claimed_;
    std::vector<std::size_t> claims_;
};

}  // namespace galley::layout
