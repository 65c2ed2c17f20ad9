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

/// Glyphs [from, to) of a run whose glyphs and text were taken out of `light` (so that copying
/// it is cheap), as a run of their own with their part of the text, clusters rebased. A
/// right-to-left run's glyphs come in visual order, so its clusters fall as the index grows.
frame::GlyphRun slice_run(const frame::GlyphRun& light, const std::vector<frame::Glyph>& glyphs,
                          const std::string& text, std::size_t from, std::size_t to) {
    std::uint32_t begin = 0, end = 0;
    if (light.right_to_left) {
        begin = glyphs[to - 1].cluster;
        end = from > 0 ? glyphs[from - 1].cluster : static_cast<std::uint32_t>(text.size());
    } else {
        begin = glyphs[from].cluster;
        end = to < glyphs.size() ? glyphs[to].cluster : static_cast<std::uint32_t>(text.size());
    }
    begin = std::min(begin, end);
    frame::GlyphRun part = light;
    part.glyphs.assign(glyphs.begin() + static_cast<std::ptrdiff_t>(from), glyphs.begin() + static_cast<std::ptrdiff_t>(to));
    for (frame::Glyph& g : part.glyphs) g.cluster = g.cluster >= begin ? g.cluster - begin : 0;
    part.text = text.substr(begin, end - begin);
    return part;
}

/// Where to end a piece of a long source line that is shaped on its own: after a space in the
/// last quarter of `limit` bytes if there is one, else at a code point boundary.
std::size_t piece_end(std::string_view line, std::size_t limit) {
    if (line.size() <= limit) return line.size();
    const std::size_t space = line.rfind(' ', limit - 1);
    if (space != std::string_view::npos && space >= limit * 3 / 4) return space + 1;
    std::size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) --end;
    return end > 0 ? end : limit;
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

/// How many of `glyphs` from `from` on, starting at pen position `x`, fit in `width`: all of
/// them, or up to the last break after a space or punctuation when that falls in the last
/// third, else as many as fit; at least one on a line that has no glyph yet (a glyph wider than
/// the line).
std::size_t glyphs_that_fit(const std::vector<frame::Glyph>& glyphs, const std::string& text, std::size_t from,
                            Pt x, Pt width, bool line_has_glyphs) {
    std::size_t fit = from;
    std::size_t soft = from;  // a nicer break: after a space or punctuation
    for (; fit < glyphs.size(); ++fit) {
        if (x + glyphs[fit].x_advance > width + 0.01) break;
        x += glyphs[fit].x_advance;
        const std::uint32_t cl = glyphs[fit].cluster;
        const char ch = cl < text.size() ? text[cl] : 0;
        if (ch == ' ' || ch == ',' || ch == ';' || ch == '/' || ch == '|' || ch == '&') soft = fit + 1;
    }
    if (fit == glyphs.size()) return fit - from;
    if (fit == from && !line_has_glyphs) ++fit;
    if (soft - from > (fit - from) * 2 / 3 && soft > from) fit = soft;
    return fit - from;
}

/// Source lines longer than this are shaped a piece at a time, so that a line of megabytes
/// never holds all its glyphs at once (each piece's glyphs become output lines first).
constexpr std::size_t kShapedPieceBytes = 16 * 1024;

/// Fills output lines of `width` with glyph runs, wrapping with a hanging indent and the hook.
class CodeWrapper {
public:
    CodeWrapper(const Blocks& b, const SpanStyle& s, Pt width, Pt leading, Pt baseline, Pt hang)
        : b_(b), s_(s), width_(width), leading_(leading), baseline_(baseline), hang_(hang),
          cur_{leading, baseline, 0, {}} {}

    /// Adds `run`, placed at `origin_x` in the unwrapped line.
    void add(frame::GlyphRun&& run) {
        // The glyphs and text go into locals, so that each line's slice copies only its own.
        const std::vector<frame::Glyph> glyphs = std::move(run.glyphs);
        const std::string text = std::move(run.text);
        run.glyphs.clear();
        run.text.clear();
        Pt unwrapped_x = run.origin.x;  // of glyph i, in the unwrapped line
        for (std::size_t i = 0; i < glyphs.size();) {
            const Pt x = unwrapped_x - line_start_ + indent_;
            const std::size_t fit = glyphs_that_fit(glyphs, text, i, x, width_, has_glyphs_);
            if (fit > 0) {
                frame::GlyphRun part = slice_run(run, glyphs, text, i, i + fit);
                part.origin.x = x;
                cur_.items.push_back(std::move(part));
                has_glyphs_ = true;
                for (std::size_t k = i; k < i + fit; ++k) unwrapped_x += glyphs[k].x_advance;
                i += fit;
            }
            if (i < glyphs.size()) wrap(unwrapped_x);
        }
    }

    std::vector<SetLine> finish() {
        out_.push_back(std::move(cur_));
        return std::move(out_);
    }

private:
    void wrap(Pt unwrapped_x) {
        out_.push_back(std::move(cur_));
        cur_ = SetLine{leading_, baseline_, 0, {}};
        has_glyphs_ = false;
        line_start_ = unwrapped_x;
        indent_ = hang_;
        if (b_.style.code_continuation_hook) continuation_hook(cur_, s_, baseline_);
    }

    const Blocks& b_;
    const SpanStyle& s_;
    Pt width_, leading_, baseline_, hang_;
    std::vector<SetLine> out_;
    SetLine cur_;
    Pt line_start_ = 0;       // x in the unwrapped line where the current output line starts
    Pt indent_ = 0;
    bool has_glyphs_ = false;  // the current line holds glyphs (the hook is no glyph)
};

/// Sets one source line of code, wrapped at the measure. Continuation lines are indented and
/// start with the hook.
std::vector<SetLine> code_lines(Blocks& b, std::string_view src, const SpanStyle& s, Pt width,
                                const SourceLocation& where) {
    const auto [asc, desc] = b.ts.vertical_metrics(s);
    const Pt leading = b.style.code.leading;
    const Pt baseline = (leading - (asc - desc)) / 2 + asc;
    CodeWrapper wrapper(b, s, width, leading, baseline, b.ts.measure("  ", s));
    const std::string line = expand_tabs(src);
    Pt x = 0;
    for (std::size_t pos = 0; pos < line.size() || pos == 0;) {
        const std::size_t end = pos + piece_end(std::string_view(line).substr(pos), kShapedPieceBytes);
        // Code reads left to right whatever the document's direction, as in an editor.
        for (frame::Item& it : b.ts.set_text(std::string_view(line).substr(pos, end - pos), s, {x, -baseline},
                                             shape::ParagraphDirection::LeftToRight, where)) {
            auto& run = std::get<frame::GlyphRun>(it);
            for (const frame::Glyph& g : run.glyphs) x += g.x_advance;
            wrapper.add(std::move(run));
        }
        if (end == pos) break;
        pos = end;
    }
    return wrapper.finish();
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
    b.list.space(b.style.block_spacing);
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
    b.list.space(b.style.block_spacing);
}

}  // namespace galley::layout
