#include "inline/typesetter.h"

#include <algorithm>
#include <optional>

#include "base/utf8.h"
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

    void count(const LineContent& line, const lb::Break& br, bool justified, double ratio) {
        LineStats* stats = settings.stats;
        if (!stats) return;
        ++stats->lines;
        if (justified) stats->ratios.push_back(static_cast<float>(ratio));
        if (br.emergency) ++stats->emergency_lines;
        hyphens_in_a_row = line.hyphenated ? hyphens_in_a_row + 1 : 0;
        if (line.hyphenated) ++stats->hyphenated_lines;
        stats->max_consecutive_hyphens = std::max(stats->max_consecutive_hyphens, hyphens_in_a_row);
    }
};

Typesetter::Typesetter(const style::Style& style, font::FontBook& book, shape::Shaper& shaper, DiagnosticSink& sink,
                       TypesetterSettings settings)
    : impl_(std::make_unique<Impl>(Impl{WordShaper(style, book, shaper, sink, settings.hyphenator), settings})) {}

Typesetter::~Typesetter() = default;

const font::Face* Typesetter::face(const SpanStyle& s) { return impl_->words.face(s.family, s.face_style); }

std::pair<Pt, Pt> Typesetter::vertical_metrics(const SpanStyle& s) { return impl_->words.vertical_metrics(s); }

Pt Typesetter::measure(std::string_view text, const SpanStyle& style) {
    std::vector<Word> words;
    impl_->words.shape_words(text, style, 0, {}, words);
    Pt w = 0;
    for (const Word& word : words) w += word.whole->advance * word.scale;
    return w;
}

std::vector<frame::Item> Typesetter::set_text(std::string_view text, const SpanStyle& style, Point origin,
                                              shape::ParagraphDirection direction, const SourceLocation& where) {
    WordShaper& ws = impl_->words;
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
        x += v.width;
        out.push_back(std::move(run));
    }
    return out;
}

std::vector<SetLine> Typesetter::set_paragraph(const std::vector<Span>& spans, const ParagraphStyle& para) {
    Impl& im = *impl_;
    Collected& c = im.collected;
    collect(spans, para, im.words, c);
    if (c.items.empty()) return {};
    lb::Params params;
    params.line_widths = {para.width - para.first_indent, para.width};
    params.algorithm = im.settings.algorithm;
    if (!para.justify) params.line_end_stretch = para.width / 4;
    const std::vector<lb::Break> breaks = lb::break_lines(c.items, params);

    // Vertical metrics from the first span of text: the paragraph's own font sets the baseline.
    SpanStyle base = spans.empty() ? SpanStyle{} : spans.front().style;
    for (const Span& s : spans)
        if (!s.hard_break && !s.picture) {
            base = s.style;
            break;
        }
    const auto [asc, desc] = vertical_metrics(base);
    const Pt baseline = (para.leading - (asc - desc)) / 2 + asc;

    std::vector<SetLine> lines;
    lines.reserve(breaks.size());
    std::size_t start = 0;
    im.hyphens_in_a_row = 0;
    for (std::size_t li = 0; li < breaks.size(); ++li) {
        const lb::Break& br = breaks[li];
        const lb::Item& end_item = c.items[br.position];
        const bool last_in_block = li + 1 == breaks.size() ||
                                   (end_item.type == lb::ItemType::Penalty && end_item.penalty <= -lb::kInfinitePenalty);
        LineContent& content = im.content;
        line_content(c, spans, start, br.position, im.words, content);
        reorder(content, c);

        const Pt target = para.width - (li == 0 ? para.first_indent : 0);
        double ratio = 0;
        if (content.natural < target && content.stretch > 0) ratio = (target - content.natural) / content.stretch;
        if (content.natural > target && content.shrink > 0) ratio = (target - content.natural) / content.shrink;
        if (!para.justify || last_in_block) ratio = std::min(0.0, ratio);
        im.count(content, br, para.justify && !last_in_block, ratio);

        LinePlacement at{para.leading, baseline, li == 0 ? para.first_indent : 0, ratio, c.right_to_left()};
        // Lines that do not fill the measure sit where the paragraph asks: a right-to-left
        // paragraph starts at the right margin.
        if (ratio <= 0 && content.natural < target) {
            using Align = ParagraphStyle::Align;
            const Align align = para.align == Align::Start ? (at.right_to_left ? Align::Right : Align::Left) : para.align;
            if (align == Align::Right) at.x += target - content.natural;
            if (align == Align::Center) at.x += (target - content.natural) / 2;
        }
        lines.push_back(assemble(content, at, c, spans, im.words, im.run));
        start = br.position + 1;
    }
    return lines;
}

}  // namespace galley::inlines
