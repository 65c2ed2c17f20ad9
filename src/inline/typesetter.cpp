#include "inline/typesetter.h"

#include <algorithm>
#include <optional>

#include "base/utf8.h"
#include "inline/break_rules.h"
#include "inline/collect.h"
#include "inline/line.h"
#include "inline/words.h"

namespace galley::inlines {

namespace lb = linebreak;

struct Typesetter::Impl {
    WordShaper words;
    TypesetterSettings settings;
    Collected collected;  // the paragraph being set; its buffers are reused
    LineContent content;  // the line being set; the same
    RunBuffer run;
    /// Lines in a row of the current paragraph that ended with a hyphen (for LineStats).
    std::size_t hyphens_in_a_row = 0;

    /// Sets `spans` as lines, appended to `lines`. Unless `last`, the spans are a window of a
    /// longer paragraph: only its lines up to three quarters of its items are set, and the
    /// item the next line starts with is returned (items.size() when every line was set).
    std::size_t set_window(const std::vector<Span>& spans, const ParagraphStyle& para, const SpanStyle& base, bool last,
                           std::vector<SetLine>& lines);
    /// A paragraph longer than settings.window_bytes, set a window at a time.
    std::vector<SetLine> set_in_windows(const std::vector<Span>& spans, ParagraphStyle para, const SpanStyle& base);

    void count_line(const LineContent& line, const lb::Break& br, bool justified, double ratio) {
        LineStats* stats = settings.stats;
        if (!stats) return;
        ++stats->lines;
        if (justified) stats->ratios.push_back(static_cast<float>(ratio));
        if (br.emergency) ++stats->emergency_lines;
        hyphens_in_a_row = line.hyphenated ? hyphens_in_a_row + 1 : 0;
        if (line.hyphenated) ++stats->hyphenated_lines;
        stats->max_consecutive_hyphens = std::max(stats->max_consecutive_hyphens, hyphens_in_a_row);
    }

    /// Counts a paragraph's ending: a hyphen on its next-to-last line, a last line of one short
    /// word (`words` interword spaces + 1 on it, `width` of `target` points).
    void count_paragraph(std::size_t lines, bool next_to_last_hyphenated, std::size_t words, Pt width, Pt target) {
        LineStats* stats = settings.stats;
        if (!stats || lines < 2) return;
        ++stats->paragraphs;
        if (next_to_last_hyphenated) ++stats->final_hyphens;
        if (lines >= 4 && words == 1 && width < 0.15 * target) ++stats->short_last_lines;
    }
};

Typesetter::Typesetter(const style::Style& style, font::FontBook& book, shape::Shaper& shaper, DiagnosticSink& sink,
                       TypesetterSettings settings)
    : impl_(std::make_unique<Impl>(Impl{WordShaper(style, book, shaper, sink, settings.hyphenator), settings})) {}

Typesetter::~Typesetter() = default;

const font::Face* Typesetter::face(const SpanStyle& s) { return impl_->words.face(s.family, s.face_style); }

const font::Face* Typesetter::optional_face(const std::string& family) { return impl_->words.optional_face(family); }

std::pair<Pt, Pt> Typesetter::vertical_metrics(const SpanStyle& s) { return impl_->words.vertical_metrics(s); }

Pt Typesetter::measure(std::string_view text, const SpanStyle& style) {
    std::vector<Word> words;
    impl_->words.set_kana_nearby(shape::holds_kana(text));
    impl_->words.shape_words(text, style, 0, {}, words);
    Pt w = 0;
    for (const Word& word : words) w += word.whole->advance * word.scale;
    return w;
}

Pt Typesetter::widest_part(std::string_view word, const SpanStyle& style) {
    std::vector<Word> words;
    impl_->words.shape_words(word, style, 0, {}, words);
    if (words.size() != 1 || style.code || url_like_token(word)) return measure(word, style);
    const Word& w = words.front();
    const std::span<const std::uint32_t> points = impl_->words.hyphenation_points(w);
    const Pt hyphen = points.empty() ? 0 : impl_->words.hyphen(*w.face, style).width;
    Pt widest = 0;
    std::uint32_t from = 0;
    for (std::size_t i = 0; i <= points.size(); ++i) {
        const std::uint32_t to = i < points.size() ? points[i] : static_cast<std::uint32_t>(w.text.size());
        const Pt part = impl_->words.view(w, from, to, style).width + (i < points.size() ? hyphen : 0);
        widest = std::max(widest, part);
        from = to;
    }
    return widest;
}

std::vector<frame::Item> Typesetter::set_text(std::string_view text, const SpanStyle& style, Point origin,
                                              shape::ParagraphDirection direction, const SourceLocation& where) {
    WordShaper& ws = impl_->words;
    ws.set_kana_nearby(shape::holds_kana(text));
    std::vector<Word> words;
    std::optional<shape::BidiParagraph> bidi;
    if (direction == shape::ParagraphDirection::RightToLeft || utf8::may_hold_rtl(text)) {
        bidi.emplace(text, direction);
        if (bidi->all_left_to_right()) bidi.reset();
    }
    if (!bidi) {
        ws.shape_words(text, style, 0, where, words);
    } else {
        // Runs of one level in visual order; the words of a right-to-left run are read right
        // to left, so they are drawn last first.
        for (const shape::BidiRun& r : bidi->visual_runs(0, text.size())) {
            const std::size_t first = words.size();
            ws.shape_words(text.substr(r.begin, r.end - r.begin), style, 0, where, words, r.direction(), r.begin);
            if (r.direction() == shape::Direction::RightToLeft)
                std::reverse(words.begin() + static_cast<std::ptrdiff_t>(first), words.end());
        }
    }
    std::vector<frame::Item> out;
    Pt x = origin.x;
    for (const Word& w : words) {
        const GlyphView v = ws.view(w, 0, static_cast<std::uint32_t>(w.text.size()), style);
        frame::GlyphRun run;
        run.face = w.face;
        run.size = style.size;
        run.color = style.color;
        run.origin = {x, origin.y + style.rise};
        WordShaper::append_glyphs(v, 0, run.glyphs);
        run.text = std::string(w.text);
        run.right_to_left = w.direction == shape::Direction::RightToLeft;
        run.tag = style.tag;
        x += v.width;
        out.push_back(std::move(run));
    }
    return out;
}

namespace {

/// A place in a paragraph's spans: byte `offset` of span `span`.
struct TextPosition {
    std::size_t span = 0;
    std::size_t offset = 0;
};

/// Bytes of text in `spans`; a hard break or a picture counts as one.
std::size_t text_size(const std::vector<Span>& spans) {
    std::size_t n = 0;
    for (const Span& s : spans) n += std::max<std::size_t>(s.text.size(), 1);
    return n;
}

/// The spans of a window that starts at `at`: at most `budget` bytes of text, the last span
/// cut at a code point boundary. `origin` gets where each window span starts in `spans`.
/// Returns whether the window reaches the end of the paragraph.
bool cut_window(const std::vector<Span>& spans, TextPosition at, std::size_t budget, std::vector<Span>& window,
                std::vector<TextPosition>& origin) {
    window.clear();
    origin.clear();
    std::size_t used = 0;
    for (std::size_t si = at.span; si < spans.size(); ++si) {
        const Span& sp = spans[si];
        const std::size_t from = si == at.span ? at.offset : 0;
        std::size_t n = sp.text.size() - from;
        const bool cut = used + std::max<std::size_t>(n, 1) > budget;
        if (cut && n > 0) {
            n = budget > used ? budget - used : 0;
            while (n > 0 && (static_cast<unsigned char>(sp.text[from + n]) & 0xC0) == 0x80) --n;
            if (n == 0 && used == 0) n = 1;  // a window holds at least one character
            while (n < sp.text.size() - from && (static_cast<unsigned char>(sp.text[from + n]) & 0xC0) == 0x80) ++n;
        }
        if (cut && n == 0) return false;
        Span part{sp.text.substr(from, n), sp.style, sp.location, sp.hard_break, sp.picture};
        if (part.location.line > 0) part.location.column += static_cast<std::uint32_t>(from);  // columns count bytes
        window.push_back(std::move(part));
        origin.push_back({si, from});
        if (cut) return false;
        used += std::max<std::size_t>(n, 1);
    }
    return true;
}

/// Where the text of item `item` of `c` starts in the window's spans: a box's first byte, or
/// a hard break's span.
TextPosition item_position(const Collected& c, std::size_t item, const std::vector<Span>& window) {
    const Payload& pl = c.payload[item];
    if (c.items[item].type != lb::ItemType::Box || pl.picture) return {pl.span, 0};
    const Piece& p = c.pieces[pl.piece];
    const Word& w = c.words[p.word];
    return {w.span, static_cast<std::size_t>(w.text.data() - window[w.span].text.data()) + p.begin};
}

}  // namespace

std::size_t Typesetter::Impl::set_window(const std::vector<Span>& spans, const ParagraphStyle& para, const SpanStyle& base,
                                         bool last, std::vector<SetLine>& lines) {
    Collected& c = collected;
    collect(spans, para, words, c);
    if (c.items.empty()) return 0;
    const auto [asc, desc] = words.vertical_metrics(base);
    const Pt baseline = (para.leading - (asc - desc)) / 2 + asc;
    lb::Params params;
    params.line_widths = {para.width - para.first_indent, para.width};
    params.algorithm = settings.algorithm;
    if (!para.justify) params.line_end_stretch = para.width / 4;
    const std::vector<lb::Break> breaks = lb::break_lines(c.items, params);
    // In a window of a longer paragraph the lines of its last quarter (and the last line,
    // which ends at the window's end, not the paragraph's) wait for the next window: what
    // follows may still move them. At least one line is set, so every window makes progress.
    std::size_t count = breaks.size();
    if (!last) {
        const std::size_t horizon = c.items.size() * 3 / 4;
        count = 0;
        while (count + 1 < breaks.size() && breaks[count].position <= horizon) ++count;
        count = std::max<std::size_t>(count, 1);
    }
    std::size_t start = 0;
    bool previous_hyphenated = false;
    for (std::size_t li = 0; li < count; ++li) {
        const lb::Break& br = breaks[li];
        const lb::Item& end_item = c.items[br.position];
        const bool last_in_block = li + 1 == breaks.size() ||
                                   (end_item.type == lb::ItemType::Penalty && end_item.penalty <= -lb::kInfinitePenalty);
        line_content(c, spans, start, br.position, words, content);
        reorder(content, c);

        const Pt target = para.width - (li == 0 ? para.first_indent : 0);
        double ratio = 0;
        if (content.natural < target && content.stretch > 0) ratio = (target - content.natural) / content.stretch;
        if (content.natural > target && content.shrink > 0) ratio = (target - content.natural) / content.shrink;
        if (!para.justify || last_in_block) ratio = std::min(0.0, ratio);
        count_line(content, br, para.justify && !last_in_block, ratio);
        if (last && li + 1 == breaks.size()) {
            std::size_t words = 1;
            for (std::size_t i = start; i < br.position; ++i)
                if (c.items[i].type == lb::ItemType::Glue && c.payload[i].face) ++words;
            count_paragraph(breaks.size(), previous_hyphenated, words, content.natural, target);
        }
        previous_hyphenated = content.hyphenated;

        LinePlacement at{para.leading, baseline, li == 0 ? para.first_indent : 0, ratio, c.right_to_left()};
        // Lines that do not fill the measure sit where the paragraph asks: a right-to-left
        // paragraph starts at the right margin.
        if (ratio <= 0 && content.natural < target) {
            using Align = ParagraphStyle::Align;
            const Align align = para.align == Align::Start ? (at.right_to_left ? Align::Right : Align::Left) : para.align;
            if (align == Align::Right) at.x += target - content.natural;
            if (align == Align::Center) at.x += (target - content.natural) / 2;
        }
        lines.push_back(assemble(content, at, c, spans, words, run));
        start = br.position + 1;
    }
    if (count == breaks.size()) return c.items.size();
    // The next line starts at the first box or forced break after the break, as in the breaker.
    while (start < c.items.size() && c.items[start].type != lb::ItemType::Box &&
           !(c.items[start].type == lb::ItemType::Penalty && c.items[start].penalty <= -lb::kInfinitePenalty))
        ++start;
    return start;
}

std::vector<SetLine> Typesetter::Impl::set_in_windows(const std::vector<Span>& spans, ParagraphStyle para,
                                                      const SpanStyle& base) {
    std::vector<SetLine> lines;
    std::vector<Span> window;
    std::vector<TextPosition> origin;
    TextPosition at;
    while (at.span < spans.size()) {
        const bool last = cut_window(spans, at, settings.window_bytes, window, origin);
        const std::size_t next = set_window(window, para, base, last, lines);
        if (last) break;
        if (next < collected.items.size()) {
            const TextPosition p = item_position(collected, next, window);
            at = {origin[p.span].span, origin[p.span].offset + p.offset};
        } else {
            at = {origin.back().span, origin.back().offset + window.back().text.size()};
            if (window.back().text.empty() || at.offset == spans[at.span].text.size()) at = {at.span + 1, 0};
        }
        // Later windows continue the paragraph: no first-line indent, and the base direction
        // the first window found (UAX #9 P2 looks at the paragraph's first strong character).
        if (!lines.empty()) para.first_indent = 0;
        if (para.direction == shape::ParagraphDirection::Auto)
            para.direction = collected.right_to_left() ? shape::ParagraphDirection::RightToLeft
                                                       : shape::ParagraphDirection::LeftToRight;
    }
    return lines;
}

std::vector<SetLine> Typesetter::set_paragraph(const std::vector<Span>& spans, const ParagraphStyle& para) {
    Impl& im = *impl_;
    // Vertical metrics from the first span of text: the paragraph's own font sets the baseline.
    SpanStyle base = spans.empty() ? SpanStyle{} : spans.front().style;
    for (const Span& s : spans)
        if (!s.hard_break && !s.picture) {
            base = s.style;
            break;
        }
    im.hyphens_in_a_row = 0;
    im.collected.warned_overfull = false;
    if (text_size(spans) > im.settings.window_bytes) return im.set_in_windows(spans, para, base);
    std::vector<SetLine> lines;
    im.set_window(spans, para, base, true, lines);
    return lines;
}

}  // namespace galley::inlines
