// Assemble: a broken line's elements into positioned glyph runs, inline decorations, link
// areas, pictures and footnote references.
#include <algorithm>
#include <cmath>

#include "inline/line.h"

namespace galley::inlines {

namespace lb = linebreak;

void line_content(const Collected& c, const std::vector<Span>& spans, std::size_t start, std::size_t end,
                  WordShaper& shaper, LineContent& line) {
    line.clear();
    std::vector<Element>& elements = line.elements;
    while (start < end && c.items[start].type != lb::ItemType::Box) ++start;
    for (std::size_t it = start; it < end; ++it) {
        const lb::Item& item = c.items[it];
        const Payload& pl = c.payload[it];
        if (item.type == lb::ItemType::Box && pl.picture) {
            elements.push_back({{}, nullptr, 0, 0, nullptr, pl.span, false, c.span_start[pl.span], true});
            line.natural += item.width;
        } else if (item.type == lb::ItemType::Box) {
            const Piece& p = c.pieces[pl.piece];
            const Word& w = c.words[p.word];
            if (!elements.empty() && elements.back().word == &w && elements.back().end == p.begin) {
                elements.back().end = p.end;
                elements.back().joined = true;
            } else {
                elements.push_back({p.glyphs, &w, p.begin, p.end, nullptr, w.span, false, c.offset(w, p.begin, spans)});
            }
        } else if (item.type == lb::ItemType::Glue) {
            elements.push_back({{}, nullptr, 0, 0, &item, pl.span, false, c.span_start[pl.span] + pl.offset});
            line.natural += item.width;
            line.stretch += item.stretch;
            line.shrink += item.shrink;
        }
    }
    for (Element& el : elements)
        if (el.word) {
            if (el.joined) el.glyphs = shaper.view(*el.word, el.begin, el.end, spans[el.span].style);
            line.natural += el.glyphs.width;
        }
    const lb::Item& end_item = c.items[end];
    const Payload& end_pl = c.payload[end];
    line.hyphenated = end_item.type == lb::ItemType::Penalty && end_pl.hyphen;
    if (line.hyphenated) {
        const SpanStyle& ss = spans[end_pl.span].style;
        Element h{shaper.hyphen(*end_pl.face, ss), &c.words[end_pl.word], 0, 0, nullptr, end_pl.span, true,
                  elements.empty() ? 0 : elements.back().offset};
        line.natural += h.glyphs.width;
        elements.push_back(h);
    }
}

namespace {

/// The horizontal extent of one drawn element, for decorations and links.
struct Mark {
    Pt x0, x1;
    std::size_t span;
};

/// Builds a line's glyph runs: a new run starts whenever face, size, colour, baseline or
/// direction change. A right-to-left run gets its elements in visual order, the reverse of
/// reading order: each one's text goes before the run's, so the run text reads right.
class RunBuilder {
public:
    RunBuilder(SetLine& line, Pt baseline, RunBuffer& buffer) : line_(line), baseline_(baseline), buffer_(buffer) {}

    void open(const font::Face* face, const SpanStyle& ss, Pt x0, std::uint8_t level) {
        const bool rtl = level % 2 == 1, inside = !rtl && level >= 2;
        if (!buffer_.glyphs.empty() &&
            (run_.face != face || run_.size != ss.size || !(run_.color == ss.color) ||
             run_.origin.y != -baseline_ + ss.rise || run_.right_to_left != rtl || run_.inside_right_to_left != inside ||
             code_ != ss.code || !(run_.tag == ss.tag)))
            flush();
        if (buffer_.glyphs.empty()) {
            code_ = ss.code;
            run_.face = face;
            run_.size = ss.size;
            run_.color = ss.color;
            run_.origin = {x0, -baseline_ + ss.rise};
            run_.right_to_left = rtl;
            run_.inside_right_to_left = inside;
            run_.tag = ss.tag;
        }
    }

    /// Appends an element's text and glyphs (`push` adds glyphs with clusters from a base).
    template <typename Push>
    void add(std::string_view text, bool rtl, Push&& push) {
        if (!rtl) {
            push(static_cast<std::uint32_t>(buffer_.text.size()), buffer_.glyphs);
            buffer_.text += text;
            return;
        }
        for (frame::Glyph& g : buffer_.glyphs) g.cluster += static_cast<std::uint32_t>(text.size());
        push(0, buffer_.glyphs);
        buffer_.text.insert(0, text);
    }

    /// Adds `w` points to the advance of the glyph drawn last (glyphs are kept in visual order),
    /// if the run has one; a run opened after it starts at its own x anyway.
    void widen_last(float w) {
        if (!buffer_.glyphs.empty()) buffer_.glyphs.back().x_advance += w;
    }

    void flush() {
        if (!buffer_.glyphs.empty()) {
            run_.glyphs.assign(buffer_.glyphs.begin(), buffer_.glyphs.end());
            run_.text = std::string(buffer_.text);
            // Inline code with a run of spaces copies as its text: poppler drops space glyphs
            // and reads the wide gap as a column gap (a short line then comes out of order), as
            // in code blocks. Right-to-left runs keep the writer's own extraction.
            const bool stretch = code_ && !run_.right_to_left && !run_.inside_right_to_left &&
                                 run_.text.find("  ") != std::string::npos;
            if (stretch) line_.items.emplace_back(frame::ActualTextBegin{run_.text});
            line_.items.emplace_back(std::move(run_));
            if (stretch) line_.items.emplace_back(frame::ActualTextEnd{});
        }
        run_ = frame::GlyphRun{};
        buffer_.glyphs.clear();
        buffer_.text.clear();
    }

private:
    SetLine& line_;
    Pt baseline_;
    RunBuffer& buffer_;
    frame::GlyphRun run_;  // all but the glyphs and text, which are in buffer_
    bool code_ = false;    // the run is inline code
};

/// Draws the elements as glyph runs into `line`; returns the marks of what was drawn.
std::vector<Mark> draw_runs(const LineContent& content, const LinePlacement& at, const Collected& c,
                            const std::vector<Span>& spans, WordShaper& shaper, RunBuffer& buffer, SetLine& line) {
    RunBuilder runs(line, at.baseline, buffer);
    std::vector<Mark> marks;
    marks.reserve(content.elements.size());
    Pt x = at.x;
    for (std::size_t ei = 0; ei < content.elements.size(); ++ei) {
        const Element& el = content.elements[ei];
        const std::uint8_t level = content.levels[ei];
        const bool rtl = level % 2 == 1;
        const SpanStyle& ss = spans[el.span].style;
        if (el.picture) {
            // Under the picture, figure spaces (U+2007: no ink, not a space to extractors) about
            // as wide as the font's fill its width: text extraction keeps the line in one piece
            // and in order (plain spaces or a gap split it, right-to-left text worst).
            const Pt w = spans[el.span].picture->size.width;
            const bool formula = spans[el.span].picture->formula != nullptr;
            const font::Face* face = formula ? nullptr : shaper.face(ss.family, ss.face_style);
            const std::uint32_t gid = face ? face->glyph_for(0x2007) : 0;
            if (face && gid) {
                const Pt unit = face->advance(gid) * ss.size / face->metrics().units_per_em;
                const auto n = static_cast<std::uint32_t>(std::clamp(unit > 0 ? std::round(w / unit) : 1.0, 1.0, 256.0));
                constexpr std::string_view kFigureSpace = "\u2007";
                std::string text;
                for (std::uint32_t i = 0; i < n; ++i) text += kFigureSpace;
                runs.open(face, ss, x, level);
                runs.add(text, rtl, [&](std::uint32_t base, std::vector<frame::Glyph>& out) {
                    for (std::uint32_t i = 0; i < n; ++i)
                        out.push_back({gid, static_cast<float>(w / n), 0, 0,
                                       base + 3 * (rtl ? n - 1 - i : i)});
                });
            } else {
                runs.flush();
            }
            marks.push_back({x, x + w, el.span});
            x += w;
        } else if (el.glue) {
            Pt w = el.glue->width;
            if (at.ratio > 0) w += at.ratio * el.glue->stretch;
            if (at.ratio < 0) w += at.ratio * el.glue->shrink;
            const Payload& pl = c.payload[static_cast<std::size_t>(el.glue - c.items.data())];
            if (!pl.face) {  // inter-character glue: space without a glyph
                // It widens the glyph before it, so the run keeps the glyphs where the line
                // puts them: else every gap of a justified CJK line was left out and their sum
                // showed at the next run (a link, a quote in another face).
                runs.widen_last(static_cast<float>(w));
                x += w;
                continue;
            }
            runs.open(pl.face, ss, x, level);
            runs.add(" ", rtl, [&](std::uint32_t base, std::vector<frame::Glyph>& out) {
                out.push_back({pl.space_gid, static_cast<float>(w), 0, 0, base});
            });
            marks.push_back({x, x + w, el.span});
            x += w;
        } else {
            runs.open(el.word->face, ss, x, level);
            runs.add(el.hyphen ? std::string_view("-") : el.word->text.substr(el.begin, el.end - el.begin), rtl,
                     [&](std::uint32_t base, std::vector<frame::Glyph>& out) {
                         WordShaper::append_glyphs(el.glyphs, base, out);
                     });
            marks.push_back({x, x + el.glyphs.width, el.span});
            x += el.glyphs.width;
        }
    }
    runs.flush();
    line.width = x;
    return marks;
}

/// The link area of a span's link over `rect`.
frame::LinkArea link_area(const Rect& rect, const SpanStyle& s) {
    return {rect, s.link_uri, s.link_dest, s.link_tag, s.link_text};
}

/// Whether marks `a` and `b` belong to one link area (or one picture, or one framed alt text).
bool same_target(const Span& a, const Span& b, std::size_t ia, std::size_t ib) {
    if (a.picture || b.picture) return ia == ib;
    return a.style.link_uri == b.style.link_uri && a.style.link_dest == b.style.link_dest &&
           a.style.frame == b.style.frame && a.style.footnote == b.style.footnote;
}

/// A formula's items with its origin at (x0, baseline), in its span's structure.
void place_formula(const InlineFormula& f, Pt x0, const SetLine& line, const frame::Tag& tag,
                   std::vector<frame::Item>& out) {
    for (frame::Item item : f.items) {
        frame::translate(item, x0, -line.baseline);
        frame::set_tag(item, tag);
        out.push_back(std::move(item));
    }
}

/// An inline picture at [x0, ...) on the line: on the baseline, or lowered until its top is
/// the line's top if it is taller (a formula stays on the baseline); a link around it covers it.
void place_picture(const Span& span, Pt x0, const SetLine& line, std::vector<frame::Item>& out) {
    const InlinePicture& p = *span.picture;
    const Pt depth = p.formula ? p.formula->depth : 0;
    const Pt bottom = p.formula ? -line.baseline - depth : std::min(-line.baseline, -p.size.height);
    const Rect rect{x0, bottom, p.size.width, p.size.height + depth};
    if (p.formula)
        place_formula(*p.formula, x0, line, span.style.tag, out);
    else
        out.push_back(frame::Image{rect, p.data, span.style.tag});
    if (!span.style.link_uri.empty() || !span.style.link_dest.empty())
        out.push_back(link_area(rect, span.style));
}

/// Link areas, pictures, frames and footnote references over groups of marks with one target.
/// A frame goes round the whole of an alt text on the line, links and note references inside it
/// included; it is drawn where its first group is.
void place_targets(const std::vector<Mark>& marks, const std::vector<Span>& spans, const Color& frame_color,
                   SetLine& line, std::vector<frame::Item>& over) {
    const auto frame_of = [&](std::size_t m) { return spans[marks[m].span].picture ? 0 : spans[marks[m].span].style.frame; };
    for (std::size_t m = 0; m < marks.size();) {
        const Span& sp = spans[marks[m].span];
        std::size_t n = m + 1;
        while (n < marks.size() && same_target(sp, spans[marks[n].span], marks[m].span, marks[n].span)) ++n;
        const Pt x0 = marks[m].x0, x1 = marks[n - 1].x1;
        const Rect area{x0, -line.height, x1 - x0, line.height};
        if (const std::uint32_t frame = frame_of(m); frame && (m == 0 || frame_of(m - 1) != frame)) {
            std::size_t end = n;
            while (end < marks.size() && frame_of(end) == frame) ++end;
            // Inside the line, so that the frames of two lines do not touch.
            const Pt inset = line.height * 0.08;
            over.push_back(frame::Box{{x0 - 1.5, area.y + inset, marks[end - 1].x1 - x0 + 3, area.height - 2 * inset},
                                      std::nullopt, frame_color, 0.5});
        }
        if (sp.picture) {
            place_picture(sp, x0, line, over);
        } else if (!sp.style.link_uri.empty() || !sp.style.link_dest.empty()) {
            over.push_back(link_area(area, sp.style));
            if (sp.style.footnote) line.footnotes.push_back({sp.style.footnote, area});
        }
        m = n;
    }
}

}  // namespace

namespace {

/// The line's place, grown where a formula on it reaches past the line's top or bottom: the
/// leading stays unless it must give way (a display-style fraction in a line of text).
LinePlacement room_for_formulas(const LineContent& content, const std::vector<Span>& spans, LinePlacement at) {
    Pt above = 0, below = 0;
    for (const Element& el : content.elements)
        if (el.picture && spans[el.span].picture->formula) {
            above = std::max(above, spans[el.span].picture->size.height);
            below = std::max(below, spans[el.span].picture->formula->depth);
        }
    const Pt extra_top = std::max<Pt>(0, above - at.baseline);
    const Pt extra_bottom = std::max<Pt>(0, below - (at.height - at.baseline));
    at.baseline += extra_top;
    at.height += extra_top + extra_bottom;
    return at;
}

}  // namespace

SetLine assemble(const LineContent& content, const LinePlacement& placement, const Collected& c,
                 const std::vector<Span>& spans, WordShaper& shaper, RunBuffer& buffer) {
    const LinePlacement at = room_for_formulas(content, spans, placement);
    SetLine line;
    line.height = at.height;
    line.baseline = at.baseline;
    line.right_to_left = at.right_to_left;
    const std::vector<Mark> marks = draw_runs(content, at, c, spans, shaper, buffer, line);

    // Inline decorations: code and <mark> shading under the text, strike-through and underline over it.
    std::vector<frame::Item> under, over;
    for (std::size_t m = 0; m < marks.size();) {
        std::size_t n = m + 1;
        while (n < marks.size() && marks[n].span == marks[m].span) ++n;
        const Pt x0 = marks[m].x0, x1 = marks[n - 1].x1;
        const SpanStyle& ss = spans[marks[m].span].style;
        if (ss.code || ss.background) {
            const auto [a, d] = shaper.vertical_metrics(ss);
            under.push_back(frame::Box{{x0 - 1, -at.baseline + ss.rise + d - 0.5, x1 - x0 + 2, a - d + 0.5},
                                       ss.background ? *ss.background : shaper.style().inline_code_background,
                                       std::nullopt, 0});
        }
        // Strike-through at about the x-height's middle, underline below the baseline, both
        // as thick as a text stroke.
        if (ss.strike) {
            const Pt y = -at.baseline + ss.rise + ss.size * 0.28;
            over.push_back(frame::Line{{x0, y}, {x1, y}, ss.size / 18, ss.color});
        }
        if (ss.underline) {
            const Pt y = -at.baseline + ss.rise - ss.size * 0.12;
            over.push_back(frame::Line{{x0, y}, {x1, y}, ss.size / 18, ss.color});
        }
        m = n;
    }
    place_targets(marks, spans, shaper.style().rule_color, line, over);
    line.items.insert(line.items.begin(), std::make_move_iterator(under.begin()), std::make_move_iterator(under.end()));
    line.items.insert(line.items.end(), std::make_move_iterator(over.begin()), std::make_move_iterator(over.end()));
    return line;
}

}  // namespace galley::inlines
