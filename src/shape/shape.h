// Shaping: itemizes text into segments of one face, script and direction, and shapes each with
// HarfBuzz into glyphs with clusters. The only module that sees HarfBuzz's shaping API.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "font/font.h"
#include "galley/diagnostic.h"

namespace galley::shape {

/// OpenType features that galley switches per role. Body text: ligatures and kerning on;
/// code: both off (DESIGN.md section 3).
struct Features {
    bool ligatures = true;
    bool kerning = true;
};

/// One glyph in font units of its face (scale by size / units_per_em for points).
/// `cluster` is the byte offset of the glyph's cluster in the shaped text.
struct ShapedGlyph {
    std::uint32_t gid = 0;
    std::int32_t x_advance = 0;
    std::int32_t x_offset = 0;
    std::int32_t y_offset = 0;
    std::uint32_t cluster = 0;
    /// HarfBuzz's HB_GLYPH_FLAG_UNSAFE_TO_BREAK: breaking before this glyph needs reshaping.
    bool unsafe_to_break = false;
};

/// The result of shaping one piece of text with one face, in visual order.
struct Shaped {
    std::vector<ShapedGlyph> glyphs;
    std::int64_t advance = 0;  // sum of x_advance, font units
};

enum class Direction { LeftToRight, RightToLeft };

/// A run of text that one face shapes in one script and direction. Offsets are bytes into the
/// itemized text; `script` is an ISO 15924 tag as HarfBuzz packs it (0 = let HarfBuzz guess).
struct Segment {
    std::size_t begin = 0;
    std::size_t end = 0;
    const font::Face* face = nullptr;
    std::uint32_t script = 0;
    Direction direction = Direction::LeftToRight;
};

class Shaper {
public:
    explicit Shaper(font::FontBook& book);
    ~Shaper();
    Shaper(const Shaper&) = delete;
    Shaper& operator=(const Shaper&) = delete;

    /// Shapes `text` with `face`. Results are cached by face, features, script, direction and
    /// text, so each distinct word is shaped once per document; the reference stays valid for
    /// the shaper's life.
    const Shaped& shape(const font::Face& face, std::string_view text, Features features,
                        std::uint32_t script = 0, Direction direction = Direction::LeftToRight);

    /// Splits `text` into segments: by script (characters of Common and Inherited script join
    /// their neighbours), then by face. Each cluster takes the first face that covers it:
    /// `primary`, then the fallback face already in use by the run, then `fallbacks` in order,
    /// then an installed font found by the font book; so a run of CJK stays in one face. A character no face covers stays with
    /// `primary` (drawn as .notdef) and is warned about once per code point at `where`.
    std::vector<Segment> itemize(std::string_view text, const font::Face* primary,
                                 std::span<const font::Face* const> fallbacks,
                                 font::FaceStyle style, const SourceLocation& where,
                                 DiagnosticSink& sink);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace galley::shape
