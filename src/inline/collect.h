// Collect: styled spans to the line breaker's items. Words are shaped once (WordShaper); each
// breakable part becomes a box, spaces glue, and break opportunities penalties: hyphenation
// points, soft and explicit hyphens, URL punctuation, UAX #14 breaks inside scripts written
// without spaces, and emergency breaks where nothing else lets a line fit.
#pragma once

#include <optional>
#include <vector>

#include "inline/types.h"
#include "inline/words.h"
#include "linebreak/linebreak.h"
#include "shape/bidi.h"

namespace galley::inlines {

/// A breakable part of a word: bytes [begin, end) of its text and the glyphs that draw it
/// (their width, in points, is its box's).
struct Piece {
    std::size_t word = 0;
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    GlyphView glyphs;
};

/// What an item of the break list stands for.
struct Payload {
    std::size_t piece = 0;             // Box: index into pieces (unless `picture`)
    std::size_t span = 0;              // Glue, pictures and hard breaks: the span they come from
    const font::Face* face = nullptr;  // Glue: face of the space glyph; hyphen penalty: its face
    std::uint32_t space_gid = 0;
    bool hyphen = false;               // Penalty: a hyphen is drawn when the line breaks here
    std::size_t word = 0;              // hyphen penalty: the word it splits
    std::size_t offset = 0;            // Glue: byte offset of the space in its span's text
    bool picture = false;              // Box: the span's inline picture
};

/// A paragraph ready for the line breaker: items with their payloads, the words and pieces
/// they refer to, and the bidi levels of the paragraph's logical text (absent when it is all
/// left to right).
struct Collected {
    std::vector<Word> words;
    std::vector<Piece> pieces;
    std::vector<linebreak::Item> items;
    std::vector<Payload> payload;
    /// Byte offset of each span in the paragraph's logical text (hard breaks count as one
    /// space, pictures as U+FFFC).
    std::vector<std::size_t> span_start;
    std::optional<shape::BidiParagraph> bidi;
    /// A line.overfull warning was given. Not emptied by clear(): the windows of one long
    /// paragraph share one warning, and the typesetter resets it per paragraph.
    bool warned_overfull = false;
    bool right_to_left() const { return bidi && bidi->base_level() % 2 == 1; }
    /// Empties it, keeping the buffers for the next paragraph.
    void clear() {
        words.clear();
        pieces.clear();
        items.clear();
        payload.clear();
        span_start.clear();
        bidi.reset();
    }
    /// Byte offset in the logical text of bytes `begin` of a word.
    std::size_t offset(const Word& w, std::uint32_t begin, const std::vector<Span>& spans) const {
        return span_start[w.span] + static_cast<std::size_t>(w.text.data() - spans[w.span].text.data()) + begin;
    }
};

/// Collects `spans` for a paragraph set as `para` into `out` (emptied first: a typesetter
/// keeps one, so its buffers serve paragraph after paragraph). With `para.hyphenate`, the
/// shaper's hyphenator applies to words that may be hyphenated (never code, links, URL-like
/// tokens or words with digits). Items end with \parfillskip and a forced break; empty when
/// there is nothing to set.
void collect(const std::vector<Span>& spans, const ParagraphStyle& para, WordShaper& shaper, Collected& out);

}  // namespace galley::inlines
