// Page breaking: body fragments fill the text area from the top with keep chains, repeated
// table headers and floating figures; footnotes fill it from the bottom. Then page furniture.
#include "paginate/paginate.h"

#include <algorithm>
#include <array>
#include <deque>
#include <functional>
#include <limits>
#include <optional>

#include "base/numerals.h"

namespace galley::paginate {

namespace {

using layout::Fragment;

/// The notes area above its first note: the least space between text and rule, then a half
/// line between the rule and the notes.
Pt notes_separator(const style::Style& style) { return style.footnote_space_above + style.footnote.leading * 0.5; }

/// At most this share of a page's text area goes to footnotes continued from the page before,
/// so that a very long note still leaves room for the text that follows it.
constexpr double kCarriedNotesShare = 0.5;

/// Where a placement's fragment comes from.
enum class Source { Body, TableHeader, Float };

/// A fragment on a page, and the page's footnote state before it came, so that moving it and
/// what follows to the next page (a keep chain) undoes its notes and deferred figures too.
struct Placement {
    std::size_t fragment = 0;  // index into Flow::fragments, or Flow::table_headers
    Source source = Source::Body;
    Pt top = 0;  // from the top of the text area to the fragment's top edge
    bool first_on_page = false;
    std::size_t slices_before = 0;
    std::size_t deferred_before = 0;
    std::size_t floats_before = 0;
    Pt notes_height_before = 0;
    bool notes_closed_before = false;
};

/// A run of a note's fragments, [begin, end) of Note::fragments.
struct NoteSlice {
    std::size_t note = 0;
    std::size_t begin = 0;
    std::size_t end = 0;
};

struct PageBuild {
    std::vector<Placement> body;
    std::vector<NoteSlice> notes;     // at the foot, in order
    std::vector<NoteSlice> deferred;  // notes or their rest, continued on the next page
    Pt body_height = 0;               // bottom of the last body fragment
    Pt notes_height = 0;              // rule and notes, 0 when there are none
    /// A note continues on the next page: no other note may start on this one.
    bool notes_closed = false;
    /// Placements at the top (repeated header, floated figures) that no keep chain can move.
    std::size_t fixed = 0;
    /// A left-hand page left blank so that the next starts on the right (h1.new-page = "odd").
    bool blank = false;
};

/// The vertical list as pagination reads it: fragments by their index in the whole flow, laid
/// out on demand (`more` runs a layout step and says whether more will come), and dropped once
/// no page can need them again.
class FlowReader {
public:
    FlowReader(layout::Flow& flow, std::function<bool()> more) : flow_(flow), more_(std::move(more)) {}

    /// Fragment `i`, laying out more when needed; null past the end of the document.
    Fragment* get(std::size_t i) {
        while (i >= first_ + window_.size()) {
            if (done_) return nullptr;
            done_ = !more_();
            take();
        }
        return i < first_ ? nullptr : &window_[i - first_];
    }
    /// Drops the fragments before `i`.
    void release_before(std::size_t i) {
        for (; first_ < i && !window_.empty(); ++first_) window_.pop_front();
    }
    layout::Flow& flow() { return flow_; }

private:
    /// Moves the fragments layout is done with into the window: all but the last until the
    /// document is done, since the next step may still change it.
    void take() {
        std::vector<Fragment>& made = flow_.fragments;
        const std::size_t n = done_ ? made.size() : made.size() - std::min<std::size_t>(made.size(), 1);
        for (std::size_t k = 0; k < n; ++k) window_.push_back(std::move(made[k]));
        made.erase(made.begin(), made.begin() + static_cast<std::ptrdiff_t>(n));
    }

    layout::Flow& flow_;
    std::function<bool()> more_;
    bool done_ = false;
    std::deque<Fragment> window_;
    std::size_t first_ = 0;  // flow index of window_.front()
};

/// Flows the fragments into pages and hands each page to `finished` as soon as no later
/// fragment can change it.
class Paginator {
public:
    Paginator(FlowReader& reader, const style::Style& style, std::function<bool(PageBuild&)> finished)
        : reader_(reader), flow_(reader.flow()), style_(style), area_(style.text_height()),
          separator_(notes_separator(style)), finished_(std::move(finished)) {}

    /// False when `finished` refused a page (the output failed).
    bool run() {
        new_page();
        for (std::size_t i = 0; Fragment* next = frag(i);) {
            if (!flush(i)) return false;
            PageBuild& page = pages_.back();
            const Fragment& f = *next;
            const bool empty = page.body.size() == page.fixed;
            if (f.page_break_before && !page.body.empty()) {
                new_page();
                continue;
            }
            // Duplex: an odd page is a right-hand one. An even page holding nothing yet (notes
            // carried over are something) is left blank.
            if (f.page_break_before && f.odd_page && started_ % 2 == 0 && page.body.empty()) {
                page.blank = page.notes.empty();
                new_page();
                continue;
            }
            if (empty && f.repeat_header && page.body.empty()) place_header(*f.repeat_header);
            // A fragment too tall for an empty page goes there anyway; not over notes continued
            // from the page before (they end within a few pages).
            if (place(i, empty && page.notes.empty())) {
                ++i;
                continue;
            }
            if (f.floats && !empty) {
                // The figure and what keeps with it wait for the next page; the text goes on.
                std::size_t last = i;
                while (frag(last)->keep_with_next && frag(last + 1)) ++last;
                floats_.push_back({i, last + 1});
                i = last + 1;
                continue;
            }
            i = break_page(i);
        }
        while (!pages_.back().deferred.empty() || floats_placed_ < floats_.size()) new_page();
        return flush(std::numeric_limits<std::size_t>::max()) && finished_(pages_.back());
    }

private:
    struct FloatChain {
        std::size_t begin, end;  // fragments [begin, end)
    };

    Fragment* frag(std::size_t i) { return reader_.get(i); }

    /// Hands on every page but the current one, then drops the fragments that neither the
    /// current page, a waiting figure nor fragment `next` and after can need.
    bool flush(std::size_t next) {
        for (; pages_.size() > 1; pages_.pop_front())
            if (!finished_(pages_.front())) return false;
        std::size_t keep = next;
        for (const Placement& p : pages_.back().body)
            if (p.source != Source::TableHeader) keep = std::min(keep, p.fragment);
        for (std::size_t k = floats_placed_; k < floats_.size(); ++k) keep = std::min(keep, floats_[k].begin);
        reader_.release_before(keep);
        return true;
    }

    FlowReader& reader_;
    layout::Flow& flow_;
    const style::Style& style_;
    const Pt area_;
    const Pt separator_;  // space above the notes' rule and below it
    std::function<bool(PageBuild&)> finished_;
    std::deque<PageBuild> pages_;
    std::size_t started_ = 0;  // pages begun, the current one included
    std::vector<FloatChain> floats_;
    std::size_t floats_placed_ = 0;  // floats_ before this index are on a page

    /// Height of fragments [begin, end) of a note, the first one's space dropped when it
    /// starts the notes area.
    Pt note_height(std::size_t note, std::size_t begin, std::size_t end, bool starts_area) const {
        const std::vector<Fragment>& frags = flow_.notes[note].fragments;
        Pt h = 0;
        for (std::size_t k = begin; k < end; ++k) h += frags[k].height + (k == begin && starts_area ? 0 : frags[k].space_before);
        return h;
    }

    /// Adds as much of `slice` as fits in `room` to the notes of `page`, at least one fragment
    /// when `progress` (a fragment taller than the room would otherwise wait forever); returns
    /// where it ended.
    std::size_t add_note(PageBuild& page, NoteSlice slice, Pt room, bool progress = false) {
        Pt h = page.notes_height + (page.notes.empty() ? separator_ : 0);
        std::size_t end = slice.begin;
        for (; end < slice.end; ++end) {
            const Pt next = note_height(slice.note, end, end + 1, page.notes.empty() && end == slice.begin);
            if (h + next > room + 0.01 && !(progress && end == slice.begin)) break;
            h += next;
        }
        if (end > slice.begin) {
            page.notes.push_back({slice.note, slice.begin, end});
            page.notes_height = h;
        }
        return end;
    }

    /// Sets the notes a fragment claims on `page`, whose body will end at `body_bottom`. Every
    /// note must start here, so all but the last must fit whole and the last at least its
    /// first fragment (its rest continues on the next page); otherwise nothing is set and the
    /// result is false. When `force` (the fragment is placed whatever happens), whatever does
    /// not fit continues on the next page.
    bool place_notes(PageBuild& page, const std::vector<std::size_t>& notes, Pt body_bottom, bool force) {
        if (notes.empty()) return true;
        const Pt room = area_ - body_bottom;
        if (!force) {
            if (page.notes_closed) return false;
            Pt h = page.notes_height;
            for (std::size_t k = 0; k < notes.size(); ++k) {
                const std::size_t n = flow_.notes[notes[k]].fragments.size();
                const bool starts = h == 0;
                const Pt sep = starts ? separator_ : 0;
                const Pt whole = sep + note_height(notes[k], 0, n, starts);
                if (h + whole <= room + 0.01) {
                    h += whole;
                    continue;
                }
                if (k + 1 < notes.size() || h + sep + note_height(notes[k], 0, 1, starts) > room + 0.01) return false;
            }
        }
        for (std::size_t note : notes) {
            const NoteSlice all{note, 0, flow_.notes[note].fragments.size()};
            const std::size_t end = page.notes_closed ? 0 : add_note(page, all, room);
            if (end < all.end) {
                page.deferred.push_back({note, end, all.end});
                page.notes_closed = true;
            }
        }
        return true;
    }

    Placement placement(std::size_t fragment, Source source, Pt top, const PageBuild& page) const {
        return {fragment,          source,        top, page.body.empty(), page.notes.size(), page.deferred.size(),
                floats_.size(), page.notes_height, page.notes_closed};
    }

    /// Places body fragment `i` if it fits (with the notes it claims); always when `force`.
    bool place(std::size_t i, bool force) {
        PageBuild& page = pages_.back();
        const Fragment& f = *frag(i);
        const Pt top = page.body.empty() ? 0 : page.body_height + f.space_before;
        const Pt bottom = top + f.height;
        if (!force && bottom + page.notes_height > area_ + 0.01) return false;
        const Placement p = placement(i, Source::Body, top, page);
        if (!place_notes(page, f.notes, bottom, force)) return false;
        page.body.push_back(p);
        page.body_height = bottom;
        return true;
    }

    void place_header(std::size_t header) {
        PageBuild& page = pages_.back();
        const Fragment& h = flow_.table_headers[header];
        // A header taller than a third of the page would crowd out the rows it heads.
        if (h.height > area_ / 3) return;
        page.body.push_back(placement(header, Source::TableHeader, 0, page));
        page.body_height = h.height;
        page.fixed = page.body.size();
    }

    /// Whether the keep chain starting at fragment `first` is taller than a page: then moving
    /// it to the next page gains nothing, since it must break somewhere anyway.
    bool chain_taller_than_page(std::size_t first) {
        Pt h = 0;
        for (std::size_t i = first; h <= area_; ++i) {
            const Fragment* f = frag(i);
            if (!f) break;
            h += f->height + (i == first ? 0 : f->space_before);
            if (!f->keep_with_next) break;
        }
        return h > area_;
    }

    /// The page is full before fragment `i`: moves the keep chain that ends at `i` to a new
    /// page, unless it began this page (then it breaks here). Returns where to go on.
    std::size_t break_page(std::size_t i) {
        PageBuild& page = pages_.back();
        std::size_t k = page.body.size();
        while (k > page.fixed && frag(page.body[k - 1].fragment)->keep_with_next) --k;
        if (k == page.fixed || (k < page.body.size() && chain_taller_than_page(page.body[k].fragment)))
            k = page.body.size();
        k = cheapest_break(page, k, i);
        std::size_t restart = i;
        if (k < page.body.size()) {
            const Placement& p = page.body[k];
            restart = p.fragment;
            page.notes.resize(p.slices_before);
            page.deferred.resize(p.deferred_before);
            page.notes_height = p.notes_height_before;
            page.notes_closed = p.notes_closed_before;
            floats_.resize(p.floats_before);
            page.body.resize(k);
        }
        new_page();
        return restart;
    }

    const Fragment& body_fragment(const Placement& p) {
        return p.source == Source::TableHeader ? flow_.table_headers[p.fragment] : *frag(p.fragment);
    }

    /// TeX's page builder, for a ragged bottom: among the legal breaks on the page up to
    /// `latest` (a break before body[k], or before fragment `next` when k is the page's size),
    /// the one of least cost = badness of the space left empty + the break's penalty. Badness
    /// is 100 (r^3) with r the empty share over a tenth of the text area, so leaving a few
    /// lines empty is cheap and a third of a page is not; breaking before a heading earns
    /// -50 (TeX's \smallbreak), inside a paragraph costs 50. Ties go to the later break.
    std::size_t cheapest_break(const PageBuild& page, std::size_t latest, std::size_t next) {
        auto cost = [&](std::size_t k) {
            const Placement& last = page.body[k - 1];
            const Fragment& before = body_fragment(last);
            const Fragment& after = k < page.body.size() ? body_fragment(page.body[k]) : *frag(next);
            const Pt notes = k < page.body.size() ? page.body[k].notes_height_before : page.notes_height;
            const double empty = std::max<Pt>(0, area_ - (last.top + before.height + notes)) / (area_ * 0.1);
            double c = std::min(10000.0, 100 * empty * empty * empty);
            if (after.heading && !before.heading) c -= 50;
            if (before.paragraph != 0 && before.paragraph == after.paragraph) c += 50;
            return c;
        };
        if (latest <= page.fixed + 1) return latest;
        std::size_t best = latest;
        double best_cost = cost(latest);
        for (std::size_t k = latest - 1; k > page.fixed; --k) {
            if (body_fragment(page.body[k - 1]).keep_with_next || page.body[k].source != Source::Body) continue;
            const double c = cost(k);
            if (c < best_cost) best = k, best_cost = c;
            if (c >= 10000) break;  // earlier breaks only leave more of the page empty
        }
        return best;
    }

    /// Starts a page: the notes continued from the last one at its foot, then the figures
    /// waiting to float at its top.
    void new_page() {
        std::vector<NoteSlice> carried;
        if (!pages_.empty()) carried = std::move(pages_.back().deferred);
        pages_.emplace_back();
        ++started_;
        PageBuild& page = pages_.back();
        for (const NoteSlice& slice : carried) {
            const std::size_t end = page.notes_closed ? slice.begin
                                                      : add_note(page, slice, area_ * kCarriedNotesShare, page.notes.empty());
            if (end < slice.end) {
                page.deferred.push_back({slice.note, end, slice.end});
                page.notes_closed = true;
            }
        }
        for (; floats_placed_ < floats_.size(); ++floats_placed_) {
            const FloatChain chain = floats_[floats_placed_];
            for (std::size_t i = chain.begin; i < chain.end; ++i) {
                const Fragment& f = *frag(i);
                const Pt top = page.body.empty() ? 0 : page.body_height + f.space_before;
                page.body.push_back(placement(i, Source::Float, top, page));
                page.body_height = top + f.height;
                place_notes(page, f.notes, page.body_height, true);
            }
            page.body_height += style_.figure_space;  // the space a figure keeps below it
        }
        page.fixed = page.body.size();
    }
};

/// What break statistics need of a page's first and last body fragments.
struct Edge {
    bool heading = false;
    std::uint32_t paragraph = 0, line = 0, lines = 0;
};

/// Turns finished page builds into frame pages (placed fragments, notes, page furniture) and
/// counts what the breaks left behind: widows, orphans and stranded headings.
class PageMaker {
public:
    PageMaker(FlowReader& reader, const style::Style& style, inlines::Typesetter& ts, const Options& options,
              const PageSink& sink)
        : reader_(reader), flow_(reader.flow()), style_(style), ts_(ts), options_(options), sink_(sink) {}

    bool operator()(PageBuild& build) {
        ++number_;
        count(build);
        frame::Page page;
        page.size = style_.page;
        page.number = next_number(build);
        labels_.push_back(label(page.number));
        page_section_.reset();
        if (build.blank) {  // no furniture on a blank verso; its label, if the style has one
            if (!style_.blank_page_text.empty()) blank_label(page);
            mirror(page);
            return sink_(std::move(page));
        }
        if (options_.draft) draft_mark(page);
        const Pt top_edge = style_.page.height - style_.margin_top;
        for (const Placement& pl : build.body) {
            if (pl.source == Source::TableHeader) {
                const Fragment& h = flow_.table_headers[pl.fragment];
                draw(h, h.items, top_edge - pl.top, pl.first_on_page, page);
            } else {
                Fragment& f = *reader_.get(pl.fragment);
                draw(f, std::move(f.items), top_edge - pl.top, pl.first_on_page, page);
            }
        }
        if (!build.notes.empty()) notes(build, page);
        const std::string section = page_section_ ? *page_section_ : section_;
        if (style_.footer_page_numbers) furniture(page, style_.footer_slots, false, section);
        furniture(page, style_.header_slots, true, section);
        mirror(page);
        return sink_(std::move(page));
    }

    Summary summary() && {
        return {breaks_, std::move(anchor_pages_), static_cast<std::size_t>(number_), std::move(labels_),
                current_.value};
    }

private:
    /// Counts the widows, orphans and stranded headings of the break before this page.
    void count(const PageBuild& build) {
        std::optional<Edge> first;
        std::optional<Edge> last;
        for (const Placement& p : build.body) {
            if (p.source != Source::Body) continue;
            const Fragment& f = *reader_.get(p.fragment);
            last = Edge{f.heading, f.paragraph, f.line, f.lines};
            if (!first) first = last;
        }
        // Only between two pages with body text (not a page of floats or notes alone).
        if (previous_ && first) {
            const Edge& before = *previous_;
            if (before.heading) ++breaks_.headings_at_page_end;
            // A paragraph split by this break: count its lines on each side.
            if (before.paragraph != 0 && before.paragraph == first->paragraph) {
                if (before.line + 1 < static_cast<std::uint32_t>(std::max(style_.orphans, 1))) ++breaks_.orphans;
                if (first->lines - first->line < static_cast<std::uint32_t>(std::max(style_.widows, 1))) ++breaks_.widows;
            }
        }
        previous_ = last;
    }

    /// Draws a fragment whose top edge is at `top` (page space): its decorations, then its
    /// items, moved or copied (a repeated table header is drawn on many pages).
    void draw(const Fragment& f, std::vector<frame::Item> items, Pt top, bool first_on_page, frame::Page& page) {
        for (const layout::Decoration& d : f.decorations) {
            const Pt extra = (d.covers_space_before && !first_on_page) ? f.space_before : 0;
            page.items.push_back(frame::Box{{d.x, top - f.height, d.width, f.height + extra}, d.color, std::nullopt, 0});
        }
        for (frame::Item& item : items) {
            frame::translate(item, 0, top);
            if (const auto* a = std::get_if<frame::Anchor>(&item)) {
                anchor_pages_.emplace(a->name, number_);
                running_head(a->name);
            }
            page.items.push_back(std::move(item));
        }
    }

    /// The page's number: roman from the first page when the flow has front matter, arabic
    /// from 1 again on the page where the body starts, else one more than the page before.
    frame::PageNumber next_number(const PageBuild& build) {
        bool starts_body = false;
        for (const Placement& p : build.body)
            if (p.source == Source::Body && reader_.get(p.fragment)->starts_body) starts_body = true;
        if (number_ == 1 || starts_body) {
            const bool roman = flow_.front_matter && !starts_body;
            current_ = {roman ? frame::PageNumber::Figures::LowerRoman : frame::PageNumber::Figures::Arabic, 1};
        } else {
            ++current_.value;
        }
        return current_;
    }

    static std::string label(const frame::PageNumber& n) {
        return n.figures == frame::PageNumber::Figures::LowerRoman ? numerals::roman(n.value) : std::to_string(n.value);
    }

    /// Follows the headings of levels 1 and 2 as their anchors are placed: {section} is the
    /// first of them on the page, or the last one before it (CSS GCPM's string-set "first").
    void running_head(const std::string& anchor) {
        const std::vector<layout::Heading>& headings = flow_.headings;
        // Headings and their anchors come in the same order; other anchors match none.
        while (next_heading_ < headings.size() && headings[next_heading_].slug.empty()) ++next_heading_;
        if (next_heading_ >= headings.size() || headings[next_heading_].slug != anchor) return;
        const layout::Heading& h = headings[next_heading_++];
        if (h.level > 2) return;
        section_ = h.title;
        if (!page_section_) page_section_ = h.title;
    }

    /// The running header (`top`) or footer: the first page's or even pages' slots when set,
    /// expanded, in the top or bottom margin, with its rule.
    void furniture(frame::Page& page, const style::Furniture& f, bool top, const std::string& section) {
        if (number_ == 1 && !f.on_first_page) return;
        const style::Slots& slots = number_ == 1 && f.first.any() ? f.first
                                    : number_ % 2 == 0 && f.even.any() ? f.even
                                                                       : f.every;
        const style::TextStyle& ts = top ? style_.header : style_.footer;
        inlines::SpanStyle s;
        s.family = ts.family;
        s.face_style = {ts.bold, ts.italic};
        s.size = ts.size;
        s.color = ts.color;
        // Running heads and folios are pagination artifacts (PDF 32000-1, 14.8.2.2).
        s.tag.artifact = top ? frame::Artifact::Header : frame::Artifact::Footer;
        const Pt baseline = top ? page.size.height - style_.header_offset : style_.footer_offset;
        const Pt left = style_.margin_left, width = style_.text_width();
        std::array<std::string, 3> texts{expand(slots.left, section), expand(slots.center, section),
                                         expand(slots.right, section)};
        for (const Slot& slot : share_slots(texts, s, width)) {
            inlines::SpanStyle fitted = s;
            fitted.size = s.size * slot.scale;
            for (frame::Item& it : ts_.set_text(slot.text, fitted, {left + slot.x, baseline}))
                page.items.push_back(std::move(it));
        }
        if (f.rule_width > 0) {
            // Below the header's descenders, above the footer's ascenders.
            const Pt y = top ? baseline - ts.size * 0.45 : baseline + ts.size * 1.05;
            page.items.push_back(frame::Line{{left, y}, {left + width, y}, f.rule_width, f.rule_color, s.tag});
        }
    }

    /// A header or footer slot as set: its text, where it starts from the text's left edge, and
    /// the scale of its size.
    struct Slot {
        std::string text;
        Pt x = 0;
        double scale = 1;
    };

    /// The slots (left, centre, right) of a header or footer `width` wide. Slots whose texts
    /// fit keep their places: left and right flush with the edges, the centre centred, an em
    /// apart at least. Slots that would run into each other share the width: all three are set
    /// smaller by one factor until they fit, to no less than kSmallestSlotScale; what is then
    /// still too long is cut, with an ellipsis, to an equal share of the width.
    std::vector<Slot> share_slots(std::array<std::string, 3>& texts, const inlines::SpanStyle& s, Pt width) {
        constexpr double kSmallestSlotScale = 0.7;
        const Pt gap = s.size;
        std::array<Pt, 3> w{};
        for (std::size_t k = 0; k < 3; ++k) w[k] = texts[k].empty() ? 0 : ts_.measure(texts[k], s);
        // The room a side needs measured from the middle, or from the other side without a centre.
        const bool centre = !texts[1].empty();
        const Pt needed = centre ? std::max(w[0], w[2]) + gap + w[1] / 2 : w[0] + w[2] + (w[0] > 0 && w[2] > 0 ? gap : 0);
        const Pt room = centre ? width / 2 : width;
        const double scale = needed <= room ? 1.0 : std::max(kSmallestSlotScale, (room - gap) / (needed - gap));
        inlines::SpanStyle fitted = s;
        fitted.size = s.size * scale;
        const std::size_t used = (!texts[0].empty()) + (centre ? 1 : 0) + (!texts[2].empty());
        const Pt share = used == 0 ? 0 : (width - gap * static_cast<double>(used - 1)) / static_cast<double>(used);
        std::vector<Slot> out;
        for (std::size_t k = 0; k < 3; ++k) {
            if (texts[k].empty()) continue;
            Pt wk = w[k] * scale;
            const bool crowded = centre ? needed * scale > room + 0.01 : (w[0] + w[2]) * scale + gap > width + 0.01;
            if (crowded && wk > share) {
                texts[k] = cut_to(texts[k], fitted, share);
                wk = ts_.measure(texts[k], fitted);
            }
            out.push_back({std::move(texts[k]), (width - wk) * 0.5 * static_cast<double>(k), scale});
        }
        return out;
    }

    /// The longest start of `text` (whole code points) that, with an ellipsis, is at most
    /// `width` wide.
    std::string cut_to(const std::string& text, const inlines::SpanStyle& s, Pt width) {
        constexpr std::string_view kEllipsis = "\u2026";
        std::size_t low = 0, high = text.size();
        const auto boundary = [&](std::size_t at) {
            while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
            return at;
        };
        while (low < high) {
            const std::size_t mid = boundary((low + high + 1) / 2);
            if (mid > low && ts_.measure(text.substr(0, mid) + std::string(kEllipsis), s) <= width) low = mid;
            else high = mid == low ? low : mid - 1;
        }
        std::string cut = text.substr(0, boundary(low));
        while (!cut.empty() && cut.back() == ' ') cut.pop_back();
        return cut + std::string(kEllipsis);
    }

    /// `text` with its placeholders replaced: {page} {pages} {page-label} {section}, then the
    /// document's (Options::field); "{{" and "}}" stand for braces. An unknown placeholder
    /// stays as written.
    std::string expand(std::string_view text, const std::string& section) const {
        std::string out;
        for (std::size_t i = 0; i < text.size();) {
            if (text.substr(i, 2) == "{{" || text.substr(i, 2) == "}}") {
                out += text[i];
                i += 2;
                continue;
            }
            const std::size_t close = text[i] == '{' ? text.find('}', i) : std::string_view::npos;
            if (close != std::string_view::npos) {
                if (std::optional<std::string> v = placeholder(text.substr(i + 1, close - i - 1), section)) {
                    out += *v;
                    i = close + 1;
                    continue;
                }
            }
            out += text[i++];
        }
        return out;
    }

    std::optional<std::string> placeholder(std::string_view name, const std::string& section) const {
        // As LaTeX's \thepage: a front-matter page prints its roman number, so "Page {page} of
        // {pages}" never reads "Page 2 of 1" on the contents before the body's page 1.
        if (name == "page" || name == "page-label") return label(current_);
        // Before a pass has counted the pages, the count is not known (that pass's pages are
        // not kept).
        if (name == "pages") return options_.last_number > 0 ? std::to_string(options_.last_number) : "?";
        if (name == "section") return section;
        if (options_.field) return options_.field(name);
        return std::nullopt;
    }

    /// A left-hand page of a duplex print mirrors a right-hand one: its text area (and all that
    /// is set from the margins) moves from the inner margin to the outer.
    void mirror(frame::Page& page) const {
        if (!style_.mirrored() || number_ % 2 != 0) return;
        for (frame::Item& item : page.items) frame::translate(item, style_.margin_right - style_.margin_left, 0);
    }

    /// page.blank-text, centred in the text area of a blank verso, in the header's style.
    void blank_label(frame::Page& page) {
        inlines::SpanStyle s;
        s.family = style_.header.family;
        s.face_style = {style_.header.bold, true};
        s.size = style_.header.size;
        s.color = style_.header.color;
        const Pt w = ts_.measure(style_.blank_page_text, s);
        const Point origin{style_.margin_left + (style_.text_width() - w) / 2,
                           style_.margin_bottom + style_.text_height() / 2};
        for (frame::Item& it : ts_.set_text(style_.blank_page_text, s, origin)) page.items.push_back(std::move(it));
    }

    /// The word in the top margin, right-aligned: visible, searchable, and outside the text so
    /// it never interrupts the reading order.
    void draft_mark(frame::Page& page) {
        inlines::SpanStyle s;
        s.family = style_.heading[0].family;
        s.face_style = {true, false};
        s.size = style_.draft_size;
        s.color = style_.draft_color;
        s.tag.artifact = frame::Artifact::Watermark;
        const Pt w = ts_.measure(style_.draft_text, s);
        const Point origin{page.size.width - style_.margin_right - w,
                           page.size.height - style_.margin_top / 2 - s.size * 0.35};
        for (frame::Item& it : ts_.set_text(style_.draft_text, s, origin)) page.items.push_back(std::move(it));
    }

    /// The notes sit at the foot of the text area under a short rule.
    void notes(const PageBuild& build, frame::Page& page) {
        const Pt top_edge = style_.page.height - style_.margin_top;
        const Pt area_top = top_edge - (style_.text_height() - build.notes_height);
        const Pt rule_y = area_top - style_.footnote_space_above;
        // On the side the first note starts from.
        const Pt rule_x = flow_.notes[build.notes.front().note].right_to_left
                              ? page.size.width - style_.margin_right - style_.footnote_rule_length
                              : style_.margin_left;
        page.items.push_back(frame::Line{{rule_x, rule_y}, {rule_x + style_.footnote_rule_length, rule_y},
                                         style_.footnote_rule_width, style_.rule_color});
        Pt y = area_top - notes_separator(style_);
        bool first = true;
        for (const NoteSlice& slice : build.notes) {
            std::vector<Fragment>& frags = flow_.notes[slice.note].fragments;
            for (std::size_t k = slice.begin; k < slice.end; ++k) {
                Fragment& f = frags[k];
                if (!first) y -= f.space_before;
                draw(f, std::move(f.items), y, first, page);
                y -= f.height;
                first = false;
            }
        }
    }

    FlowReader& reader_;
    layout::Flow& flow_;
    const style::Style& style_;
    inlines::Typesetter& ts_;
    const Options& options_;
    const PageSink& sink_;
    int number_ = 0;                 // the page's position, from 1
    frame::PageNumber current_;      // the page's number in its numbering
    std::vector<std::string> labels_;
    std::size_t next_heading_ = 0;   // the next of flow_.headings whose anchor is to come
    std::string section_;            // the last heading of level 1 or 2 placed so far
    std::optional<std::string> page_section_;  // the first one on the current page
    std::optional<Edge> previous_;  // the last body fragment of the page before, if it had one
    BreakStats breaks_;
    std::map<std::string, int> anchor_pages_;
};

std::optional<Summary> run(FlowReader& reader, const style::Style& style, inlines::Typesetter& ts,
                           const Options& options, const PageSink& sink) {
    PageMaker maker(reader, style, ts, options, sink);
    Paginator paginator(reader, style, [&](PageBuild& build) { return maker(build); });
    if (!paginator.run()) return std::nullopt;
    return std::move(maker).summary();
}

}  // namespace

std::optional<Summary> paginate(layout::Layouter& layouter, const style::Style& style, inlines::Typesetter& ts,
                                const Options& options, const PageSink& sink) {
    FlowReader reader(layouter.flow(), [&] { return layouter.step(); });
    return run(reader, style, ts, options, sink);
}

Result paginate(layout::Flow&& flow, const style::Style& style, inlines::Typesetter& ts, const Options& options) {
    Result result;
    FlowReader reader(flow, [] { return false; });
    const PageSink keep = [&](frame::Page&& page) {
        result.pages.push_back(std::move(page));
        return true;
    };
    Summary summary = *run(reader, style, ts, options, keep);
    result.breaks = summary.breaks;
    result.anchor_pages = std::move(summary.anchor_pages);
    return result;
}

}  // namespace galley::paginate
