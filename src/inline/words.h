// Words shaped once: the inline stage's view of fonts and HarfBuzz. A word (text between
// spaces, per face segment) is itemized, shaped whole and hyphenated once per style, in one
// table; its breakable parts are slices of that shaping, reshaped only where HarfBuzz says a
// cut is unsafe.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/string_table.h"
#include "frame/frame.h"
#include "inline/types.h"
#include "linebreak/hyphenate.h"
#include "shape/breaks.h"
#include "shape/shape.h"
#include "style/style.h"

namespace galley::inlines {

/// One face segment of an itemized text, shaped whole: bytes [begin, end) of the text.
struct ShapedSegment {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    const font::Face* face = nullptr;
    std::uint32_t script = 0;
    shape::Direction direction = shape::Direction::LeftToRight;
    const shape::Shaped* whole = nullptr;  // in the shaper's cache
    bool monotonic = true;  // clusters ascend (left-to-right): slices by cluster are possible
};

/// What the word table keeps of a text in one style: its segments, and its hyphenation points
/// (byte offsets) from the first time they are asked for. Most texts are one segment: it is
/// kept in the entry itself, so a lookup reads no further memory.
struct WordEntry {
    ShapedSegment first;
    std::vector<ShapedSegment> more;
    std::optional<std::vector<std::uint32_t>> hyphenation;
};

/// One face segment of a word, shaped whole once: a view into the shaper's cache, so repeated
/// words are not copied.
struct Word {
    const font::Face* face = nullptr;
    std::size_t span = 0;
    std::string_view text;  // a view into the span's text
    std::uint32_t script = 0;
    shape::Direction direction = shape::Direction::LeftToRight;
    const shape::Shaped* whole = nullptr;
    double scale = 0;        // font units to points
    bool monotonic = true;   // clusters ascend (left-to-right): slices by cluster are possible
    /// The word table's entry when the word is the whole of its text there (one segment); it
    /// keeps the word's hyphenation points. Null for a word itemized afresh each time.
    WordEntry* entry = nullptr;
};

/// Glyphs to draw for part of a word: a slice of a cached shaping. `width` in points.
struct GlyphView {
    const shape::ShapedGlyph* glyphs = nullptr;
    std::uint32_t count = 0;
    std::uint32_t cluster_base = 0;  // cluster value of the view's first byte
    double scale = 0;
    Pt width = 0;
};

/// Faces by family, fallback lists, and shaped words for one document's style.
class WordShaper {
public:
    /// `hyphenator` (nullptr: none) gives the hyphenation points of words.
    WordShaper(const style::Style& style, font::FontBook& book, shape::Shaper& shaper, DiagnosticSink& sink,
               const linebreak::Hyphenator* hyphenator)
        : style_(style), book_(book), shaper_(shaper), sink_(sink), hyphenator_(hyphenator) {}

    const style::Style& style() const { return style_; }
    DiagnosticSink& sink() { return sink_; }

    /// The face of a family and style (nullptr, after the font book's warning, if it cannot be
    /// loaded); remembered.
    const font::Face* face(const std::string& family, font::FaceStyle fs);
    /// The regular face of a family that may well be missing (an optional font such as the math
    /// font): nullptr without a diagnostic when it cannot be loaded.
    const font::Face* optional_face(const std::string& family) {
        DiagnosticSink quiet;
        return book_.face(family, {}, quiet);
    }

    /// Itemizes and shapes `text` into words of one face and script, appended to `out`.
    /// `direction`, when given (the bidi level's), overrides the script's own: a neutral
    /// character shapes in the direction it is read (brackets mirror at odd levels) and digits
    /// at an even level inside Arabic text left to right. `offset` places `text` in its span
    /// for the columns of warnings. A text all in its primary face is itemized and shaped once
    /// per face, features and direction (the word table); one that needs fallback faces or
    /// lacks glyphs is itemized each time, so that warnings and fallback uses see it where it is.
    /// `among_cjk`: the text stands next to CJK text in its word (shape::Shaper::itemize).
    void shape_words(std::string_view text, const SpanStyle& ss, std::size_t span_index, const SourceLocation& where,
                     std::vector<Word>& out, std::optional<shape::Direction> direction = std::nullopt,
                     std::size_t offset = 0, bool among_cjk = false);

    /// Tells the shaper whether the text now being set holds kana (shape::Shaper::set_kana_nearby).
    void set_kana_nearby(bool kana) { shaper_.set_kana_nearby(kana); }

    /// Where a word may be hyphenated (byte offsets, ascending), or none when it must not be:
    /// the letters between leading and trailing punctuation are hyphenated, split at
    /// apostrophes (so no point touches one); a digit or any other character inside means no
    /// hyphenation. Empty without a hyphenator. The answer stays valid until the next call.
    std::span<const std::uint32_t> hyphenation_points(const Word& w);

    /// The glyphs that draw bytes [b, e) of a word: a slice of its whole shaping where both
    /// ends may be cut, else that part reshaped.
    GlyphView view(const Word& w, std::uint32_t b, std::uint32_t e, const SpanStyle& ss);

    /// Ascender and descender of the style's face, in points (descender negative).
    std::pair<Pt, Pt> vertical_metrics(const SpanStyle& ss);

    /// The hyphen glyphs of a face at a span's size.
    GlyphView hyphen(const font::Face& f, const SpanStyle& ss);

    /// A short text (" ", "-") shaped in a face, remembered per face and features: these are
    /// asked for at every space and hyphenation point.
    const shape::Shaped& small_text(const font::Face& f, std::string_view text, const shape::Features& ft);

    /// UAX #14 opportunities, opened on first use (it loads ICU's rules and dictionaries).
    shape::LineBreaker& breaker();

    /// The view's glyphs in points, clusters relative to `offset` in a run's text.
    static void append_glyphs(const GlyphView& v, std::uint32_t offset, std::vector<frame::Glyph>& out);

private:
    const std::vector<const font::Face*>& fallback_faces(font::FaceStyle fs);
    std::vector<std::uint32_t> find_hyphenation_points(std::string_view word);
    ShapedSegment shape_segment(std::string_view text, const shape::Segment& seg, const shape::Features& features,
                                std::optional<shape::Direction> direction);

    /// What the segments of a text depend on besides the text (the word table's context).
    struct WordStyle {
        int primary = 0;  // face id
        font::FaceStyle style;
        shape::Features features;
        std::optional<shape::Direction> direction;
        bool among_cjk = false;
        bool operator==(const WordStyle&) const = default;
        std::uint64_t hash() const;
    };

    const style::Style& style_;
    font::FontBook& book_;
    shape::Shaper& shaper_;
    DiagnosticSink& sink_;
    const linebreak::Hyphenator* hyphenator_;
    StringTable<WordStyle, WordEntry> words_;
    std::vector<std::uint32_t> fresh_points_;  // hyphenation_points() of a word not in the table
    using Faces = std::map<std::pair<std::string, font::FaceStyle>, const font::Face*>;
    Faces faces_;
    const Faces::value_type* last_face_ = nullptr;  // face() is asked at every word: mostly this
    std::map<font::FaceStyle, std::vector<const font::Face*>> fallbacks_;
    std::vector<const shape::Shaped*> small_;
    std::unique_ptr<shape::LineBreaker> line_breaker_;
};

}  // namespace galley::inlines
