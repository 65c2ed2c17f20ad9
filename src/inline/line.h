// One line of a broken paragraph, between the line breaker and assembly: its elements (glyph
// groups, glue, pictures, the hyphen) with their widths and bidi levels, in logical order until
// reorder() puts them in visual order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "inline/collect.h"

namespace galley::inlines {

/// A piece of a line: consecutive pieces of one word drawn as one glyph slice (so an unbroken
/// "office" keeps its ligature), a glue, an inline picture, or the hyphen of a broken word.
struct Element {
    GlyphView glyphs;            // words and the hyphen
    const Word* word = nullptr;  // null for glue and pictures
    std::uint32_t begin = 0, end = 0;
    const linebreak::Item* glue = nullptr;
    std::size_t span = 0;
    bool hyphen = false;
    std::size_t offset = 0;  // byte offset in the paragraph's logical text
    bool picture = false;    // the span's inline picture
    bool joined = false;     // several pieces: `glyphs` is looked up when the line is complete
};

/// A line's elements with their natural width, stretch and shrink (points) and, after
/// reorder(), their visual order and levels.
struct LineContent {
    std::vector<Element> elements;
    std::vector<std::uint8_t> levels;  // bidi level per element; all 0 in left-to-right text
    Pt natural = 0, stretch = 0, shrink = 0;
    bool hyphenated = false;  // the line ends at a hyphen it draws
    /// Empties it, keeping the buffers for the next line.
    void clear() {
        elements.clear();
        levels.clear();
        natural = stretch = shrink = 0;
        hyphenated = false;
    }
};

/// The elements of the line made of items [start, end) of `c`, ending at break item `end`,
/// into `line` (emptied first: the typesetter reuses one from line to line).
void line_content(const Collected& c, const std::vector<Span>& spans, std::size_t start, std::size_t end,
                  WordShaper& shaper, LineContent& line);

/// Puts the elements in visual order (UAX #9 rules L1 and L2) when the paragraph has levels.
void reorder(LineContent& line, const Collected& c);

/// Where and how assembly draws a line, decided by the typesetter: `x` where its content
/// starts, `ratio` the glue's adjustment ratio (points, as linebreak::Break).
struct LinePlacement {
    Pt height = 0;
    Pt baseline = 0;
    Pt x = 0;
    double ratio = 0;
    bool right_to_left = false;
};

/// Where assembly gathers a glyph run's glyphs and text before the run gets vectors of their
/// exact size: runs live until the PDF is written, and growing their own vectors would cost an
/// allocation per doubling and leave the slack behind. The typesetter keeps one for all lines.
struct RunBuffer {
    std::vector<frame::Glyph> glyphs;
    std::string text;
};

/// Draws a line: glyph runs of one face, size, colour and direction; inline code shading,
/// strike-through, link areas, pictures, frames around alt text, and footnote references.
SetLine assemble(const LineContent& line, const LinePlacement& at, const Collected& c,
                 const std::vector<Span>& spans, WordShaper& shaper, RunBuffer& buffer);

}  // namespace galley::inlines
