// Table layout: content widths, column distribution, cells, row slices, rules and stripes.
#include "layout/table.h"

#include <algorithm>
#include <cmath>

#include "base/utf8.h"
#include "inline/break_rules.h"
#include "layout/inline_text.h"

namespace galley::layout {

namespace {

constexpr Pt kEpsilon = 0.01;
/// The smallest a table's text is set to fit its columns' minimum widths (of the table style's size).
constexpr double kSmallestTableScale = 0.75;
/// The smallest it is set when even at kSmallestTableScale, with header words hyphenated, some
/// word would be cut between letters: half the size (LaTeX's \tiny beside 10 pt text) still
/// reads, a word cut mid-letter ("C|25") does not.
constexpr double kSmallestWholeWordScale = 0.5;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// A set line placed in a row: `top` from the row's top edge, `x` its left edge, page space.
struct PlacedLine {
    SetLine line;
    Pt top = 0;
    Pt x = 0;
};

/// Where a row may be cut: below a line of some cell, where no line of another cell is cut.
std::vector<Pt> row_cuts(const std::vector<PlacedLine>& lines, Pt content_bottom) {
    std::vector<Pt> cuts;
    for (const PlacedLine& p : lines) {
        const Pt y = p.top + p.line.height;
        if (y >= content_bottom - kEpsilon) continue;
        const bool clean = std::none_of(lines.begin(), lines.end(), [&](const PlacedLine& q) {
            return q.top < y - kEpsilon && q.top + q.line.height > y + kEpsilon;
        });
        if (clean) cuts.push_back(y);
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end(), [](Pt a, Pt b) { return b - a < kEpsilon; }), cuts.end());
    return cuts;
}

}  // namespace

std::vector<Pt> distribute_columns(const std::vector<ColumnWidths>& columns, Pt width) {
    const std::size_t n = columns.size();
    Pt sum_min = 0, sum_max = 0;
    for (const ColumnWidths& c : columns) sum_min += c.min, sum_max += c.max;
    std::vector<Pt> out(n);
    if (sum_max <= width) {
        for (std::size_t i = 0; i < n; ++i) out[i] = columns[i].max;
        return out;
    }
    if (sum_min >= width) {
        for (std::size_t i = 0; i < n; ++i) out[i] = width * columns[i].min / sum_min;
        return out;
    }
    // Narrow columns first: one whose whole content fits in a fair share of what is left
    // keeps it unwrapped (an ID or a number never wraps because a long column next to it
    // wants the room); repeated until no column is that narrow.
    std::vector<bool> fixed(n, false);
    Pt left = width;
    std::size_t open = n;
    for (bool changed = true; changed && open > 0;) {
        changed = false;
        const Pt fair = left / static_cast<Pt>(open);
        for (std::size_t i = 0; i < n; ++i) {
            if (fixed[i] || columns[i].max > fair) continue;
            fixed[i] = changed = true;
            out[i] = columns[i].max;
            left -= columns[i].max;
            --open;
        }
    }
    // The wide columns share the rest: each its minimum, plus room in proportion to how much
    // it would grow unwrapped (CSS 2.1, 17.5.2.2).
    // (While any column is open, their maxima sum to more than what is left, or the narrowest
    // would have been fixed.) When the narrow ones leave the wide ones less than their minima,
    // every column shares instead.
    Pt open_min = 0, open_max = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (!fixed[i]) open_min += columns[i].min, open_max += columns[i].max;
    if (left < open_min) {
        std::fill(fixed.begin(), fixed.end(), false);
        left = width, open_min = sum_min, open_max = sum_max;
    }
    for (std::size_t i = 0; i < n; ++i)
        if (!fixed[i])
            out[i] = columns[i].min + (left - open_min) * (columns[i].max - columns[i].min) / (open_max - open_min);
    return out;
}

ColumnWidths content_widths(const std::vector<Span>& spans, Typesetter& ts, bool hyphenate) {
    ColumnWidths w;
    Pt line = 0;   // the current line, unbroken
    Pt piece = 0;  // the current unbreakable piece, which may run across spans
    const auto end_piece = [&] {
        w.min = std::max(w.min, piece);
        piece = 0;
    };
    for (const Span& span : spans) {
        if (span.hard_break) {
            end_piece();
            w.max = std::max(w.max, line);
            line = 0;
            continue;
        }
        if (span.picture) {  // an unbreakable box, joined to the text it touches
            line += span.picture->size.width;
            piece += span.picture->size.width;
            continue;
        }
        const std::string_view text = span.text;
        line += ts.measure(text, span.style);
        for (std::size_t i = 0; i < text.size();) {
            if (is_space(text[i])) {
                end_piece();
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j < text.size() && !is_space(text[j])) ++j;
            const std::string_view word = text.substr(i, j - i);
            // The typesetter's break points (breaks_after): a column narrower than the widest
            // piece between them would force breaks between letters.
            const bool url_like = span.style.code || inlines::url_like_token(word);
            for (std::size_t k = 0; k < word.size();) {
                std::size_t e = k;
                while (e < word.size()) {
                    const std::size_t at = e;
                    const char32_t c = utf8::decode(word, e);
                    if (inlines::breaks_after(word, k, at, e, c, url_like)) break;
                }
                const std::string_view part = word.substr(k, e - k);
                piece += hyphenate ? ts.widest_part(part, span.style) : ts.measure(part, span.style);
                if (e < word.size()) end_piece();
                k = e;
            }
            i = j;
        }
    }
    end_piece();
    w.max = std::max(w.max, line);
    // Rounded up to 1/100 pt, so that padding added and taken away again never leaves a
    // column a rounding error narrower than its content.
    w.min = std::ceil(w.min * 100) / 100;
    w.max = std::ceil(w.max * 100) / 100;
    return w;
}

namespace {

/// The spans of every cell (`spans[row][column]`), each tagged with its TH or TD element in
/// the table's THead or TBody; the header's cells in the header's face.
void cell_spans(const doc::Block& table, std::size_t cols, const SpanStyle& body, const style::Style& style,
                InlineText& setter, std::uint32_t element, std::vector<std::vector<std::vector<Span>>>& spans) {
    const std::vector<doc::Block>& rows = table.children;
    SpanStyle head = body;
    head.face_style.bold = head.face_style.bold || style.table_header_bold;
    Structure& st = setter.structure();
    using frame::StructType;
    const std::uint32_t thead = st.open(StructType::THead, element);
    const std::uint32_t tbody = rows.size() > 1 ? st.open(StructType::TBody, element) : 0;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const std::uint32_t tr = st.open(StructType::TR, r == 0 ? thead : tbody);
        for (std::size_t c = 0; c < cols; ++c) {
            // Every cell of the grid gets its element, an empty one too (a row shorter than the
            // header); an empty cell's element has no content and is left out by the writer.
            SpanStyle cell = r == 0 ? head : body;
            cell.tag = st.leaf(r == 0 ? StructType::TH : StructType::TD, tr);
            if (r == 0)
                if (frame::StructElement* e = st.element(st.element_of(cell.tag)))
                    e->scope = frame::StructElement::Scope::Column;
            if (c < rows[r].children.size()) spans[r][c] = setter.spans(rows[r].children[c].inlines, cell, style.table.leading);
        }
    }
}

/// The header again as one fragment, for the pages the table continues on.
void repeat_header(TableFragments& out) {
    Pt offset = 0;
    for (const Fragment& slice : out.header) {
        for (frame::Item it : slice.items) {
            frame::translate(it, 0, -offset);
            frame::set_tag(it, {});  // once in the structure, where the table starts
            out.repeated_header.items.push_back(std::move(it));
        }
        offset += slice.height;
    }
    out.repeated_header.height = offset;
}

}  // namespace

TableFragments table_fragments(const doc::Block& table, Pt column_left, Pt width, const style::Style& style,
                               Typesetter& ts, InlineText& setter, bool right_to_left, std::uint32_t element) {
    TableFragments out;
    const std::vector<doc::Block>& rows = table.children;
    // GFM: the header row fixes the number of columns; shorter rows get empty cells, the
    // excess cells of longer rows are dropped.
    const std::size_t cols = rows.empty() ? 0 : rows.front().children.size();
    if (cols == 0) return out;
    const style::TextStyle& text = style.table;
    Pt pad_x = style.table_padding_x, pad_y = style.table_padding_y;  // scaled with the text below
    // Spans once per cell: they serve both the widths and the setting. A table whose columns
    // cannot get their minimum widths (the widest word part, body words hyphenated) is set
    // smaller, down to kSmallestTableScale, before any word is cut between letters.
    const SpanStyle body = span_style(text);
    std::vector<std::vector<std::vector<Span>>> spans(rows.size(), std::vector<std::vector<Span>>(cols));
    std::vector<ColumnWidths> content;
    bool hyphenate_header = false;
    const auto measure_cells = [&] {
        content.assign(cols, {2 * pad_x, 2 * pad_x});
        for (std::size_t r = 0; r < rows.size(); ++r)
            for (std::size_t c = 0; c < cols; ++c) {
                // Header cells keep their words whole (their minimum is the widest word) unless
                // even the smallest size cannot fit them.
                const ColumnWidths w = content_widths(spans[r][c], ts, r > 0 || hyphenate_header);
                content[c].min = std::max(content[c].min, w.min + 2 * pad_x);
                content[c].max = std::max(content[c].max, w.max + 2 * pad_x);
            }
    };
    cell_spans(table, cols, body, style, setter, element, spans);
    measure_cells();
    Pt leading = text.leading;
    Pt sum_min = 0;
    for (const ColumnWidths& w : content) sum_min += w.min;
    // Text and padding together, so the columns' minima shrink in proportion.
    double scale = 1;
    const auto shrink = [&](double by) {
        scale *= by;
        leading *= by;
        pad_x *= by;
        pad_y *= by;
        for (auto& row : spans)
            for (auto& cell : row)
                for (Span& sp : cell) {
                    sp.style.size *= by;
                    sp.style.rise *= by;
                    if (sp.picture) sp.picture->size = {sp.picture->size.width * by, sp.picture->size.height * by};
                }
        measure_cells();
        sum_min = 0;
        for (const ColumnWidths& w : content) sum_min += w.min;
    };
    // Widths are rounded up per column: aim a little inside the measure.
    const auto fitting = [&] { return (width - 0.02 * static_cast<double>(cols)) / sum_min; };
    if (sum_min > width + kEpsilon) {
        shrink(std::max(kSmallestTableScale, width / sum_min));
        if (sum_min > width + kEpsilon) {
            hyphenate_header = true;
            measure_cells();
            sum_min = 0;
            for (const ColumnWidths& w : content) sum_min += w.min;
        }
        // Words that still do not fit (many columns of short words: "C1" ... "C25") are set
        // smaller still rather than cut between letters, down to kSmallestWholeWordScale.
        if (sum_min > width + kEpsilon) shrink(std::max(kSmallestWholeWordScale / scale, fitting()));
    }
    const std::vector<Pt> columns = distribute_columns(content, width);
    Pt table_width = 0;
    for (Pt w : columns) table_width += w;
    const Pt left = right_to_left ? column_left + width - table_width : column_left;
    const auto rule = [&](Pt y, Pt thickness, const Color& color) {
        return frame::Line{{left, y}, {left + table_width, y}, thickness, color};
    };

    for (std::size_t r = 0; r < rows.size(); ++r) {
        std::vector<PlacedLine> lines;
        Pt content_bottom = pad_y + leading;  // an empty row is one line high
        Pt x = right_to_left ? left + table_width : left;  // the start edge of column c
        for (std::size_t c = 0; c < cols; ++c) {
            const Pt measure = std::max<Pt>(columns[c] - 2 * pad_x, 1);
            if (right_to_left) x -= columns[c];
            ParagraphStyle ps;
            ps.width = measure;
            ps.leading = leading;
            ps.justify = false;
            ps.hyphenate = r > 0 || hyphenate_header;
            // A column without alignment starts where its text does (right for right to left).
            switch (c < table.alignments.size() ? table.alignments[c] : doc::Alignment::None) {
                case doc::Alignment::None: ps.align = ParagraphStyle::Align::Start; break;
                case doc::Alignment::Left: ps.align = ParagraphStyle::Align::Left; break;
                case doc::Alignment::Center: ps.align = ParagraphStyle::Align::Center; break;
                case doc::Alignment::Right: ps.align = ParagraphStyle::Align::Right; break;
            }
            Pt y = pad_y;
            for (SetLine& line : setter.lines(spans[r][c], ps)) {
                const Pt height = line.height;
                lines.push_back({std::move(line), y, x + pad_x});
                y += height;
            }
            content_bottom = std::max(content_bottom, y);
            if (!right_to_left) x += columns[c];
        }
        spans[r].clear();  // set: the spans are no longer needed

        // One fragment per slice between cuts; the last one holds the bottom padding.
        std::vector<Pt> bounds{0};
        for (Pt cut : row_cuts(lines, content_bottom)) bounds.push_back(cut);
        bounds.push_back(content_bottom + pad_y);
        std::vector<Fragment>& target = r == 0 ? out.header : out.body;
        const bool last_row = r + 1 == rows.size();
        const bool shaded = r > 0 && r % 2 == 0 && style.table_zebra;
        for (std::size_t s = 0; s + 1 < bounds.size(); ++s) {
            Fragment f;
            f.height = bounds[s + 1] - bounds[s];
            for (PlacedLine& p : lines) {
                if (p.top < bounds[s] - kEpsilon || p.top >= bounds[s + 1] - kEpsilon) continue;
                place_line(p.line, f, p.x, -(p.top - bounds[s]));
            }
            if (r == 0 && s == 0 && style.table_rule_width > 0)
                f.items.push_back(rule(0, style.table_rule_width, style.table_rule_color));
            if (shaded) f.decorations.push_back({left, table_width, style.table_zebra_color, false});
            f.keep_with_next = true;
            target.push_back(std::move(f));
        }
        Fragment& bottom = target.back();
        // Below the header and the last row: the heavy rule; between body rows: the light one.
        if ((r == 0 || last_row) && style.table_rule_width > 0)
            bottom.items.push_back(rule(-bottom.height, style.table_rule_width, style.table_rule_color));
        else if (r > 0 && style.table_row_rule_width > 0)
            bottom.items.push_back(rule(-bottom.height, style.table_row_rule_width, style.table_row_rule_color));
        // A row keeps together; the header also keeps with the first body row.
        bottom.keep_with_next = r == 0 && !last_row;
    }

    repeat_header(out);
    return out;
}

}  // namespace galley::layout
