// Bidirectional text (Unicode Standard Annex #9, through ICU's ubidi): the embedding levels of
// a paragraph, resolved before line breaking, and the visual order of the runs of each line,
// after it. Pure: text in, byte ranges and levels out.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "shape/shape.h"

namespace galley::shape {

/// A run of characters at one embedding level: bytes [begin, end) of the paragraph's text.
/// Even levels are left-to-right, odd levels right-to-left (UAX #9, BD2).
struct BidiRun {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::uint8_t level = 0;
    Direction direction() const { return level % 2 ? Direction::RightToLeft : Direction::LeftToRight; }
    bool operator==(const BidiRun&) const = default;
};

/// Where the paragraph direction comes from: the text (UAX #9 rules P2 and P3: the first
/// strong character, left-to-right when there is none) or the document (rule HL1: front
/// matter `dir`).
enum class ParagraphDirection { Auto, LeftToRight, RightToLeft };

/// One paragraph with its embedding levels resolved (UAX #9 rules P2 to I2; explicit
/// embeddings, overrides and isolates in the text are honoured).
class BidiParagraph {
public:
    /// `text` is the paragraph's UTF-8 text; it is copied. Invalid UTF-8 counts as U+FFFD.
    explicit BidiParagraph(std::string_view text, ParagraphDirection direction = ParagraphDirection::Auto);
    ~BidiParagraph();
    BidiParagraph(BidiParagraph&&) noexcept;
    BidiParagraph& operator=(BidiParagraph&&) noexcept;

    /// The paragraph embedding level: 0 left-to-right, 1 right-to-left. Right-to-left
    /// paragraphs align to the right margin.
    std::uint8_t base_level() const;
    Direction direction() const { return base_level() % 2 ? Direction::RightToLeft : Direction::LeftToRight; }

    /// True when the whole paragraph is at level 0: nothing to reorder (most Latin text).
    bool all_left_to_right() const;

    /// The resolved level of the character that starts at byte `offset`.
    std::uint8_t level_at(std::size_t offset) const;

    /// The maximal runs of one level in logical order: shape each run on its own in its
    /// direction (HarfBuzz then mirrors brackets in right-to-left runs, rule L4).
    std::vector<BidiRun> logical_runs() const;

    /// The runs of the line holding bytes [begin, end) of the text (character boundaries, as
    /// line breaking chose them) in visual order, left to right. Rule L1 applies per line:
    /// whitespace at the end of the line, and before a tab or segment separator, returns to
    /// the paragraph level; rule L2 then reverses every sequence at level k or higher, from
    /// the highest level down. Within a right-to-left run the glyphs HarfBuzz returns are
    /// already in visual order.
    std::vector<BidiRun> visual_runs(std::size_t begin, std::size_t end) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The visual order of a line's elements from their resolved levels (UAX #9 rule L2, through
/// ICU's ubidi_reorderVisual): from the highest level down to the lowest odd one, every
/// sequence at that level or higher is reversed. Element i of the result is the index, in
/// `levels`, of the element drawn i-th from the left. Rule L1 (trailing whitespace back to the
/// paragraph level) is the caller's, who knows what is whitespace.
std::vector<std::size_t> visual_order(const std::vector<std::uint8_t>& levels);

}  // namespace galley::shape
