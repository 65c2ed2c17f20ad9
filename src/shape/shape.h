// Shaping: itemizes text into segments of one face, script and direction, and shapes each with
// HarfBuzz into glyphs with clusters. The only module that sees HarfBuzz's shaping API.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "font/font.h"
#include "galley/diagnostic.h"
#include "style/style.h"

namespace galley::shape {

/// OpenType features that galley switches per role. Body text: ligatures and kerning on;
/// code: both off (DESIGN.md section 3).
struct Features {
    bool ligatures = true;
    bool kerning = true;
    bool operator==(const Features&) const = default;
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

/// Shaper::itemize's answer.
struct Itemization {
    std::vector<Segment> segments;
    /// Every cluster is set in the primary face, which has all of its characters. Itemizing
    /// the same text again then gives the same segments with nothing to warn about and no
    /// fallback use to record, so a caller may keep the answer instead of asking again.
    bool primary_only = true;
};

/// A face that set characters its role's font lacks, for `galley -v`: the code points it set
/// as inclusive ranges in ascending order, and where it was first needed.
struct FallbackUse {
    const font::Face* face = nullptr;
    std::vector<std::pair<char32_t, char32_t>> ranges;
    SourceLocation first_use;
};

/// The last faces itemize() tries, in order, made on demand (empty: none).
using FallbackFaces = std::function<std::span<const font::Face* const>()>;

class Shaper {
public:
    /// A shaper with the default fallback families (style::FallbackFamilies{}) and no
    /// document language.
    explicit Shaper(font::FontBook& book);
    ~Shaper();
    Shaper(const Shaper&) = delete;
    Shaper& operator=(const Shaper&) = delete;

    /// Sets the per-script fallback families and the document language (BCP 47, e.g. "ar",
    /// "zh-Hant", "ja-JP"; empty = none). The language picks the CJK fallback list (a language
    /// not written in CJK: see set_kana_nearby) and is the
    /// OpenType language of text in a script it is written in (Arabic text of an "ar"
    /// document: language system ARA; Han in "zh-TW": ZHT); text in other scripts gets the
    /// script's default language system, and Han/kana/Hangul the language of the CJK list
    /// chosen. Call before shaping: results already cached keep their language.
    void set_fallbacks(const style::FallbackFamilies& families, std::string_view lang);

    /// Shapes `text` with `face`. Results are cached by face, features, script, direction,
    /// language and text, so each distinct word is shaped once per document; the reference
    /// stays valid for the shaper's life.
    const Shaped& shape(const font::Face& face, std::string_view text, Features features,
                        std::uint32_t script = 0, Direction direction = Direction::LeftToRight);

    /// Splits `text` into segments by script (characters of Common and Inherited script join
    /// their neighbours), then by face. Text is taken a grapheme cluster at a time (UAX #29,
    /// so a base with its marks, an emoji ZWJ sequence, a flag, a keycap, a tag sequence or an
    /// emoji with its skin tone stays together), and a cluster takes the first face that has
    /// all of its characters (ignoring default-ignorable ones): for emoji the emoji fallback
    /// families first; then `primary`; the face of the current run (so a run of CJK stays in
    /// one face); the fallback families of the cluster's script (style::FallbackFamilies;
    /// for characters of no script, the current run's script, else the symbols list);
    /// the faces `fallbacks` gives, in order (asked for only when a cluster gets that far, since
    /// finding them costs a font lookup each); an installed font found by the font book. Bold and italic come
    /// from the fallback family's matching style where it has one. Faces without outlines
    /// (font::Face::has_outlines) are passed over. A cluster no face covers
    /// whole takes the first face that has its base character; a character left without a
    /// glyph is drawn as .notdef and warned about once per code point, at its own column:
    /// `where` locates the source text that `text` starts `offset` bytes into (text without a
    /// location, line 0, is not warned about: it is measured or repeated elsewhere).
    /// Punctuation of ambiguous East Asian width (quotes, dashes, the ellipsis, the middle dot)
    /// among CJK text takes the CJK face before the primary one, so it is full width as CLREQ
    /// and JLREQ set it, with no gap a reader takes for a space: among CJK text means the
    /// nearest character of a script before it in `text` is CJK, or with none before it the
    /// nearest after it, or with none in `text` at all, `among_cjk` (the caller's context:
    /// letter_is_cjk).
    Itemization itemize(std::string_view text, const font::Face* primary, const FallbackFaces& fallbacks,
                        font::FaceStyle style, const SourceLocation& where, DiagnosticSink& sink,
                        std::size_t offset = 0, bool among_cjk = false);

    /// Whether the text being set (a paragraph) holds kana. In a document whose language names
    /// no CJK region, Han characters are then set as Japanese (the JP list, 'locl' ja) and
    /// otherwise as Simplified Chinese. Results already cached keep their language.
    void set_kana_nearby(bool kana);

    /// The faces itemize() chose for characters their primary face lacks, in order of first
    /// use.
    std::vector<FallbackUse> fallback_uses() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Whether `text` holds a hiragana or katakana character.
bool holds_kana(std::string_view text);

/// Whether the first (`last`: the last) character of a script, not Common or Inherited, in
/// `text` is Han, kana, Bopomofo or Hangul; nullopt when `text` has none.
std::optional<bool> letter_is_cjk(std::string_view text, bool last);

}  // namespace galley::shape
