// Code blocks: each source line set in the mono font, tabs expanded, wrapped at the measure
// with a drawn continuation hook, on a background that continues across pages.
#include <algorithm>

#include "base/utf8.h"
#include "layout/blocks.h"

namespace galley::layout {

namespace {

std::string expand_tabs(std::string_view line) {
    std::string out;
    std::size_t column = 0;
    for (std::size_t pos = 0; pos < line.size();) {
        const std::size_t start = pos;
        const char32_t cp = utf8::decode(line, pos);
        if (cp == '\t') {
            const std::size_t n = 4 - column % 4;
            out.append(n, ' ');
            column += n;
        } else {
            out.append(line.substr(start, pos - start));
            ++column;
        }
    }
    return out;
}

/// Splits a glyph run after glyph `n`: the tail keeps its own text and origin.
frame::GlyphRun split_run(frame::GlyphRun& run, std::size_t n) {
    frame::GlyphRun tail = run;
    tail.glyphs.assign(run.glyphs.begin() + static_cast<std::ptrdiff_t>(n), run.glyphs.end());
    run.glyphs.resize(n);
    // The text splits where the clusters do: the right part's text comes later in a
    // left-to-right run, earlier in a right-to-left one.
    frame::GlyphRun& later = run.right_to_left ? run : tail;
    frame::GlyphRun& earlier = run.right_to_left ? tail : run;
    std::uint32_t cut = static_cast<std::uint32_t>(run.text.size());
    for (const frame::Glyph& g : later.glyphs) cut = std::min(cut, g.cluster);
    const std::string text = std::move(run.text);
    later.text = text.substr(cut);
    earlier.text = text.substr(0, cut);
    for (frame::Glyph& g : later.glyphs) g.cluster -= cut;
    Pt w = 0;
    for (const frame::Glyph& g : run.glyphs) w += g.x_advance;
    tail.origin.x = run.origin.x + w;
    return tail;
}

/// The continuation hook at the start of a wrapped line: a short vertical then horizontal
/// stroke with a tip, in the margin. Drawn, not text, so copying the code gives the original.
void continuation_hook(SetLine& line, const SpanStyle& s, Pt baseline) {
    const Pt h = s.size * 0.45, y0 = -baseline + s.size * 0.55, x0 = s.size * 0.2;
    const Color grey{0.55, 0.55, 0.55};
    line.items.push_back(frame::Line{{x0, y0}, {x0, y0 - h}, 0.6, grey});
    line.items.push_back(frame::Line{{x0, y0 - h}, {x0 + h * 1.2, y0 - h}, 0.6, grey});
    line.items.push_back(frame::Line{{x0 + h * 0.8, y0 - h * 0.7}, {x0 + h * 1.2, y0 - h}, 0.6, grey});
    line.items.push_back(frame::Line{{x0 + h * 0.8, y0 - h * 1.3}, {x0 + h * 1.2, y0 - h}, 0.6, grey});
}

/// How many glyphs of `run`, starting at pen position `x`, fit in `width`: all of them, or up
/// to the last break after a space or punctuation when that falls in the last third, else as
/// many as fit; at least one on a line that has no glyph yet (a glyph wider than the line).
std::size_t glyphs_that_fit(const frame::GlyphRun& run, Pt x, Pt width, bool line_has_glyphs) {
    std::size_t fit = 0;
    std::size_t soft = 0;  // a nicer break: after a space or punctuation
    for (; fit < run.glyphs.size(); ++fit) {
        if (x + run.glyphs[fit].x_advance > width + 0.01) break;
        x += run.glyphs[fit].x_advance;
        const std::uint32_t cl = run.glyphs[fit].cluster;
        const char ch = cl < run.text.size() ? run.text[cl] : 0;
        if (ch == ' ' || ch == ',' || ch == ';' || ch == '/' || ch == '|' || ch == '&') soft = fit + 1;
    }
    if (fit == run.glyphs.size()) return fit;
    if (fit == 0 && !line_has_glyphs) fit = 1;
    if (soft > fit * 2 / 3 && soft > 0) fit = soft;
    return fit;
}

/// Sets one source line of code, wrapped at the measure. Continuation lines are indented and
/// start with the hook.
std::vector<SetLine> code_lines(Blocks& b, std::string_view src, const SpanStyle& s, Pt width,
                                const SourceLocation& where) {
    const auto [asc, desc] = b.ts.vertical_metrics(s);
    const Pt leading = b.style.code.leading;
    const Pt baseline = (leading - (asc - desc)) / 2 + asc;
    std::vector<frame::GlyphRun> runs;
    // Code reads left to right whatever the document's direction, as in an editor.
    for (frame::Item& it : b.ts.set_text(expand_tabs(src), s, {0, -baseline}, shape::ParagraphDirection::LeftToRight, where))
        runs.push_back(std::move(std::get<frame::GlyphRun>(it)));
    const Pt hang = b.ts.measure("  ", s);
    std::vector<SetLine> out;
    Pt line_start = 0;  // x in the unwrapped line where the current output line starts
    Pt indent = 0;
    SetLine cur{leading, baseline, 0, {}};
    bool has_glyphs = false;  // the current line holds glyphs (the hook is no glyph)
    for (frame::GlyphRun& run : runs) {
        while (!run.glyphs.empty()) {
            const std::size_t fit = glyphs_that_fit(run, run.origin.x - line_start + indent, width, has_glyphs);
            if (fit == run.glyphs.size()) {
                run.origin.x = run.origin.x - line_start + indent;
                cur.items.push_back(std::move(run));
                has_glyphs = true;
                break;
            }
            frame::GlyphRun tail = split_run(run, fit);
            run.origin.x = run.origin.x - line_start + indent;
            if (!run.glyphs.empty()) cur.items.push_back(std::move(run));
            out.push_back(std::move(cur));
            cur = SetLine{leading, baseline, 0, {}};
            has_glyphs = false;
            line_start = tail.origin.x;
            indent = hang;
            if (b.style.code_continuation_hook) continuation_hook(cur, s, baseline);
            run = std::move(tail);
        }
    }
    out.push_back(std::move(cur));
    return out;
}

}  // namespace

void code_block(Blocks& b, const doc::Block& code, const Context& ctx) {
    SpanStyle s = span_style(b.style.code, false);
    const Pt pad = b.style.code_padding;
    std::string_view text = code.text;
    if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    std::vector<SetLine> lines;
    SourceLocation where = code.location;
    where.line = code.text_line;
    for (std::size_t pos = 0;; ++where.line) {
        const std::size_t nl = text.find('\n', pos);
        const std::string_view src = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        for (SetLine& l : code_lines(b, src, s, ctx.width - 2 * pad, where)) lines.push_back(std::move(l));
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
    b.list.space(b.style.paragraph_spacing);
    const std::size_t n = lines.size();
    const bool short_block = n <= static_cast<std::size_t>(std::max(b.style.code_keep_lines, 0));
    for (std::size_t i = 0; i < n; ++i) {
        Fragment f;
        const Pt top_pad = i == 0 ? pad : 0;
        f.height = lines[i].height + top_pad + (i + 1 == n ? pad : 0);
        f.baseline = lines[i].baseline + top_pad;
        place_line(lines[i], f, ctx.left + pad, -top_pad);
        f.keep_with_next = i + 1 < n && (short_block || i == 0 || i + 2 == n);
        Fragment& placed = b.list.emit(std::move(f), ctx.decorations);
        placed.decorations.push_back({ctx.left, ctx.width, b.style.code_background, i > 0});
    }
    b.list.space(b.style.paragraph_spacing);
}

}  // namespace galley::layout
