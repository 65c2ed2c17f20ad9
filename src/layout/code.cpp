// Code blocks: each source line set in the mono font on a grid of cells (wide characters two),
// tabs expanded, tokens coloured by the fence's language (highlight stage), wrapped at the
// measure with a drawn continuation hook, copied as its source line; line numbers in a gutter,
// diff lines tinted, on a background that continues across pages.
#include <algorithm>
#include <charconv>
#include <optional>
#include <string>

#include "base/ascii.h"
#include "base/utf8.h"
#include "layout/blocks.h"
#include "shape/bidi.h"
#include "shape/cells.h"

namespace galley::layout {

namespace {

/// A piece of an expanded line set in one style: bytes [begin, end), the token's style or
/// none (the block's own).
struct Segment {
    std::size_t begin = 0, end = 0;
    const highlight::TokenStyle* style = nullptr;
};

/// `line` with tabs expanded to stops every `tab_size` cells (wide characters count two,
/// shape::code_point_cells), and its pieces by token: one segment for the whole line when
/// `tokens` is empty, else the tokens (moved to their expanded bytes) and the plain stretches
/// between them.
std::string expand_tabs(std::string_view line, int tab_size, const std::vector<highlight::Token>& tokens,
                        std::vector<Segment>& segments) {
    std::string out;
    std::vector<std::size_t> moved;  // expanded byte of each source byte, when there are tokens
    if (!tokens.empty()) moved.reserve(line.size() + 1);
    const auto stop = static_cast<std::size_t>(std::max(tab_size, 1));
    std::size_t column = 0;
    char32_t before = 0;
    for (std::size_t pos = 0; pos < line.size();) {
        const std::size_t start = pos;
        const char32_t cp = utf8::decode(line, pos);
        if (!tokens.empty()) moved.insert(moved.end(), pos - start, out.size());
        if (cp == '\t') {
            const std::size_t n = stop - column % stop;
            out.append(n, ' ');
            column += n;
        } else {
            out.append(line.substr(start, pos - start));
            column += static_cast<std::size_t>(shape::code_point_cells(cp, before));
        }
        before = cp;
    }
    moved.push_back(out.size());
    std::size_t at = 0;
    for (const highlight::Token& t : tokens) {
        const std::size_t begin = moved[std::min<std::size_t>(t.begin, line.size())];
        const std::size_t end = moved[std::min<std::size_t>(t.end, line.size())];
        if (begin < at || end <= begin) continue;  // overlapping or empty: the earlier wins
        if (begin > at) segments.push_back({at, begin, nullptr});
        segments.push_back({begin, end, &t.style});
        at = end;
    }
    if (at < out.size() || segments.empty()) segments.push_back({at, out.size(), nullptr});
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

/// Puts the glyphs of `run` on the monospace grid of `cell` points: each cluster (a grapheme)
/// advances by its cells (shape::text_cells: two for wide characters and emoji, at least one
/// for a cluster that draws something), its glyphs drawn from the first cell's start, as
/// terminals do (centred, a line starting with one would extract one column to the right with
/// `pdftotext -layout`, which places text by where glyphs are drawn). A fallback face's glyph is
/// rarely a multiple of the mono font's cell (a CJK ideograph is 1 em, 1.67 cells of Noto Sans
/// Mono), so columns after it would drift from the rows above.
void snap_to_grid(frame::GlyphRun& run, Pt cell) {
    std::vector<frame::Glyph>& glyphs = run.glyphs;
    for (std::size_t i = 0; i < glyphs.size();) {
        std::size_t j = i + 1;
        while (j < glyphs.size() && glyphs[j].cluster == glyphs[i].cluster) ++j;
        const std::size_t begin = std::min<std::size_t>(glyphs[i].cluster, run.text.size());
        const std::size_t end = j < glyphs.size() ? std::min<std::size_t>(glyphs[j].cluster, run.text.size())
                                                   : run.text.size();
        const std::string_view text = std::string_view(run.text).substr(begin, end > begin ? end - begin : 0);
        Pt natural = 0;
        for (std::size_t k = i; k < j; ++k) natural += glyphs[k].x_advance;
        // A lone mark still draws a glyph (on a dotted circle): one cell; an invisible
        // character (ZWSP) none. A colour emoji drawn as one picture (a ZWJ family, a flag) is
        // one wide character: two cells, whatever its parts count.
        const bool one_picture = run.face && run.face->color_bitmaps() && j - i == 1;
        const int cells = one_picture ? 2 : std::max(shape::text_cells(text), natural > 0 ? 1 : 0);
        const Pt delta = cells * cell - natural;
        glyphs[j - 1].x_advance += static_cast<float>(delta);
        i = j;
    }
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

/// A source line longer than this copies as the text of each output line, not as one line: the
/// copied text is a PDF string, whose length readers limit to 32767 bytes (PDF 32000-1, Annex C),
/// and UTF-16 takes up to two bytes a byte of UTF-8 here.
constexpr std::size_t kMaxCopiedLineBytes = 16000;

/// The largest first line number a fence may ask for (`startFrom`): ten digits at most.
constexpr long kMaxLineNumber = 999'999'999;

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

    /// The output lines, each one stretch of copied text (frame::ActualTextBegin): the first
    /// reads as the whole source line `source` (expanded), spaces included, so extractors that
    /// drop space glyphs and read wide gaps as columns (poppler) still give it back; the later
    /// lines of a wrapped line read as nothing. A line too long for one PDF string reads as
    /// its own glyphs' text on each output line. Without `stretches` (a line with
    /// right-to-left text) the lines are left as they are.
    std::vector<SetLine> finish(std::string_view source, bool stretches) {
        out_.push_back(std::move(cur_));
        if (source.empty() || !stretches) return std::move(out_);
        const bool whole = source.size() <= kMaxCopiedLineBytes;
        for (std::size_t i = 0; i < out_.size(); ++i) {
            std::vector<frame::Item>& items = out_[i].items;
            std::string text = i == 0 && whole ? std::string(source) : std::string();
            if (!whole)
                for (const frame::Item& it : items)
                    if (const auto* run = std::get_if<frame::GlyphRun>(&it)) text += run->text;
            items.insert(items.begin(), frame::ActualTextBegin{std::move(text)});
            items.push_back(frame::ActualTextEnd{});
        }
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

/// Sets one source line of code, wrapped at the measure, its tokens in their styles.
/// Continuation lines are indented and start with the hook.
std::vector<SetLine> code_lines(Blocks& b, std::string_view src, const std::vector<highlight::Token>& tokens,
                                const SpanStyle& s, Pt width, const SourceLocation& where) {
    const auto [asc, desc] = b.ts.vertical_metrics(s);
    const Pt leading = b.style.code.leading;
    const Pt baseline = (leading - (asc - desc)) / 2 + asc;
    const Pt cell = b.ts.measure(" ", s);
    CodeWrapper wrapper(b, s, width, leading, baseline, 2 * cell);
    std::vector<Segment> segments;
    const std::string line = expand_tabs(src, b.style.code_tab_size, tokens, segments);
    // A line with right-to-left text is left off the grid and gets no copied-text stretch:
    // poppler reverses the right-to-left stretches of what it reads, so a logical line would
    // come out with its Hebrew or Arabic backwards (the writer's handling of right-to-left runs
    // keeps their order), and its letters (from a proportional face) spread over cells would
    // read as separate words. It is reordered (UAX #9), so its columns are not the source's.
    const bool on_grid = !utf8::may_hold_rtl(line) ||
                         shape::BidiParagraph(line, shape::ParagraphDirection::LeftToRight).all_left_to_right();
    Pt x = 0;
    SpanStyle token_style = s;
    for (const Segment& seg : segments) {
        const SpanStyle* style = &s;
        if (seg.style) {
            token_style.color = seg.style->color;
            token_style.face_style = {seg.style->bold || s.face_style.bold, seg.style->italic || s.face_style.italic};
            style = &token_style;
        }
        for (std::size_t pos = seg.begin; pos < seg.end || pos == seg.begin;) {
            const std::string_view rest = std::string_view(line).substr(pos, seg.end - pos);
            const std::size_t end = pos + piece_end(rest, kShapedPieceBytes);
            // Code reads left to right whatever the document's direction, as in an editor.
            for (frame::Item& it : b.ts.set_text(std::string_view(line).substr(pos, end - pos), *style, {x, -baseline},
                                                 shape::ParagraphDirection::LeftToRight, where)) {
                auto& run = std::get<frame::GlyphRun>(it);
                if (on_grid) snap_to_grid(run, cell);
                run.origin.x = x;  // the runs of fallback faces follow on the grid, not at their natural place
                for (const frame::Glyph& g : run.glyphs) x += g.x_advance;
                wrapper.add(std::move(run));
            }
            if (end == pos) break;
            pos = end;
        }
    }
    return wrapper.finish(line, on_grid);
}

/// What a fence's info string says about line numbers: pandoc's `.numberLines` (or
/// `.number-lines`) and `startFrom=N`, Hugo's `linenos=true|false|table|inline` and
/// `linenostart=N`, in or out of braces, separated by spaces or commas, values quoted or not.
/// A start alone does not turn numbering on (as in both).
struct LineNumbering {
    std::optional<bool> on;  // none: the style's code.line-numbers decides
    long start = 1;
};

LineNumbering fence_numbering(std::string_view info) {
    LineNumbering n;
    constexpr std::string_view kSeparators = " \t,{}";
    for (std::size_t pos = info.find_first_not_of(kSeparators); pos != std::string_view::npos;
         pos = info.find_first_not_of(kSeparators, pos)) {
        const std::size_t end = std::min(info.find_first_of(kSeparators, pos), info.size());
        const std::string_view word = info.substr(pos, end - pos);
        pos = end;
        const std::size_t eq = word.find('=');
        const std::string_view name = word.substr(0, eq);
        std::string_view value = eq == std::string_view::npos ? std::string_view{} : word.substr(eq + 1);
        while (!value.empty() && (value.front() == '"' || value.front() == '\'')) value.remove_prefix(1);
        while (!value.empty() && (value.back() == '"' || value.back() == '\'')) value.remove_suffix(1);
        if (name == ".numberLines" || name == ".number-lines" || name == ".numberlines") {
            n.on = true;
        } else if (name == "linenos") {
            n.on = value != "false";
        } else if (name == "startFrom" || name == "start-from" || name == "linenostart") {
            long v = 0;
            const auto [end_of_number, error] = std::from_chars(value.data(), value.data() + value.size(), v);
            if (error == std::errc{} && end_of_number == value.data() + value.size())
                n.start = std::clamp(v, 0L, kMaxLineNumber);
        }
    }
    return n;
}

/// The line numbers of a code block, in a gutter left of its lines: right-aligned on the grid
/// in a lighter ink, one cell from the code, on the first output line of each source line.
/// They read as nothing when copied (an empty frame::ActualTextBegin stretch).
class Gutter {
public:
    Gutter(Blocks& b, const SpanStyle& code, LineNumbering numbering, std::size_t lines, Pt cell)
        : b_(b), style_(code), next_(numbering.start), cell_(cell) {
        style_.color = kNumberInk;
        style_.tag = {};  // line numbers are no part of the code
        const long last = numbering.start + static_cast<long>(lines) - 1;
        digits_ = std::to_string(std::max(last, numbering.start)).size();
        width_ = static_cast<Pt>(digits_ + 1) * cell;
    }

    Pt width() const { return width_; }

    /// Numbers `line`, the first output line of the next source line.
    void number(SetLine& line, const SourceLocation& where) {
        const std::string text = std::to_string(next_++);
        const Pt x = -width_ + static_cast<Pt>(digits_ - text.size()) * cell_;
        line.items.push_back(frame::ActualTextBegin{});
        for (frame::Item& it : b_.ts.set_text(text, style_, {x, -line.baseline}, shape::ParagraphDirection::LeftToRight, where))
            line.items.push_back(std::move(it));
        line.items.push_back(frame::ActualTextEnd{});
    }

private:
    /// 4.9:1 on the default code background #f5f5f5, lighter than every ink of the print theme.
    static constexpr Color kNumberInk{0.42, 0.42, 0.42};
    Blocks& b_;
    SpanStyle style_;
    long next_;
    Pt cell_;
    std::size_t digits_ = 1;
    Pt width_ = 0;
};

/// The tint behind a line of a diff (`diff`, `patch` or `udiff` after the fence): added lines
/// (`+`, not the `+++` file header) light green, removed ones (`-`, not `---`) light red, as
/// code review tools show them; none for other lines and other languages. A tint tells the
/// kinds apart at a glance whatever the theme's inks (the print theme's are for tokens).
std::optional<Color> diff_tint(std::string_view language, std::string_view line) {
    if (language != "diff" && language != "patch" && language != "udiff") return std::nullopt;
    if (line.starts_with('+') && !line.starts_with("+++ ")) return Color{0.902, 1.0, 0.925};   // #e6ffec
    if (line.starts_with('-') && !line.starts_with("--- ")) return Color{1.0, 0.922, 0.914};   // #ffebe9
    return std::nullopt;
}

/// Tokens of each line of a code block, when highlighting is on and knows its language;
/// empty otherwise.
std::vector<std::vector<highlight::Token>> block_tokens(Blocks& b, const doc::Block& code, std::string_view text,
                                                        const SourceLocation& where) {
    const std::string_view language = highlight::fence_language(code.info);
    if (!b.options.highlighter || language.empty()) return {};
    auto tokens = b.options.highlighter->tokens(language, text, where, b.text.sink());
    return tokens ? std::move(*tokens) : std::vector<std::vector<highlight::Token>>{};
}

}  // namespace

void code_block(Blocks& b, const doc::Block& code, const Context& ctx) {
    SpanStyle s = span_style(b.style.code, false);
    s.tag = b.structure().leaf(frame::StructType::Code, ctx.parent);
    const Pt pad = b.style.code_padding;
    std::string_view text = code.text;
    if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    std::vector<SetLine> lines;
    SourceLocation where = code.location;
    where.line = code.text_line;
    const std::vector<std::vector<highlight::Token>> tokens = block_tokens(b, code, text, where);
    const std::vector<highlight::Token> none;
    const LineNumbering numbering = fence_numbering(code.info);
    std::string language(highlight::fence_language(code.info));
    for (char& c : language) c = ascii::to_lower(c);
    std::optional<Gutter> gutter;
    if (numbering.on.value_or(b.style.code_line_numbers))
        gutter.emplace(b, s, numbering, std::count(text.begin(), text.end(), '\n') + 1, b.ts.measure(" ", s));
    const Pt left = pad + (gutter ? gutter->width() : 0);
    for (std::size_t pos = 0, index = 0;; ++where.line, ++index) {
        const std::size_t nl = text.find('\n', pos);
        const std::string_view src = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        const std::vector<highlight::Token>& line_tokens = index < tokens.size() ? tokens[index] : none;
        const std::size_t first = lines.size();
        const std::optional<Color> tint = diff_tint(language, src);
        for (SetLine& l : code_lines(b, src, line_tokens, s, ctx.width - pad - left, where)) {
            // Across the background's width, under the line's text (drawn after the background).
            if (tint) l.items.insert(l.items.begin(), frame::Box{{-left, -l.height, ctx.width, l.height}, *tint, std::nullopt});
            lines.push_back(std::move(l));
        }
        if (gutter) gutter->number(lines[first], where);
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
        place_line(lines[i], f, ctx.left + left, -top_pad);
        f.keep_with_next = i + 1 < n && (short_block || i == 0 || i + 2 == n);
        Fragment& placed = b.list.emit(std::move(f), ctx.decorations);
        placed.decorations.push_back({ctx.left, ctx.width, b.style.code_background, i > 0});
    }
    b.list.space(b.style.block_spacing);
}

}  // namespace galley::layout
