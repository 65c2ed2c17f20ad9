// The inline stage's input and output: styled spans and typed inline objects in, set lines of
// positioned items out. Block layout builds the spans; nothing here knows Markdown.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "font/font.h"
#include "frame/frame.h"
#include "shape/bidi.h"
#include "shape/shape.h"

namespace galley::inlines {

/// The look of a piece of inline text, fully resolved. Sizes in points.
struct SpanStyle {
    std::string family;
    font::FaceStyle face_style;
    Pt size = 10;
    Color color;
    shape::Features features;
    bool strike = false;
    bool underline = false;  // <ins>, <u>
    bool code = false;      // inline code: shaded background, no hyphenation or ligatures
    std::optional<Color> background;  // a shade behind the text (<mark>); code has its own
    Pt rise = 0;            // baseline shift (footnote markers)
    std::string link_uri;   // external link target
    std::string link_dest;  // internal link target: the name of a frame::Anchor
    /// A footnote reference: the number of the note it calls (0: none). The set line reports
    /// where it landed (SetLine::footnotes), so the note can go on that page.
    int footnote = 0;
    /// Spans with the same non-zero id are framed together on each line they reach (the alt
    /// text that stands in for a picture that cannot be shown).
    std::uint32_t frame = 0;
    /// The structure the text belongs to (tagged PDF): its glyph runs, pictures and formulas
    /// carry it; a run ends where it changes.
    frame::Tag tag;
    /// A link's own element (its Link's slot, which `tag` may not be inside a link: code in a
    /// link) and what the link says: its link area's structure and /Contents.
    frame::Tag link_tag;
    std::string link_text;
};

/// A picture set inside a line: an unbreakable box of `size` points sitting on the baseline
/// (lowered to the line's top when taller than the ascent).
/// A set formula: its items relative to the left end of its baseline (y up), and its extent
/// below the baseline. Its glyph runs carry its text.
struct InlineFormula {
    std::vector<frame::Item> items;
    Pt depth = 0;
};

struct InlinePicture {
    std::shared_ptr<const frame::ImageData> data;
    Size size;
    /// A formula instead of a picture (`data` null): it sits on the line's baseline, `size` is
    /// its width and its height above the baseline.
    std::shared_ptr<const InlineFormula> formula;
};

/// A piece of inline content with its style and source location: text, a forced line
/// break, or a typed inline object.
struct Span {
    std::string text;
    SpanStyle style;
    SourceLocation location;
    bool hard_break = false;  // a forced line break instead of text
    /// An inline object instead of text; a link in `style` covers the object.
    std::optional<InlinePicture> picture;
};

/// Where a footnote reference was set: line coordinates as SetLine::items.
struct FootnoteRef {
    int number = 0;
    Rect area;
};

/// A finished line: items relative to the line's top-left corner at (x = left, y = 0), y down
/// negative as in Fragment.
struct SetLine {
    Pt height = 0;
    Pt baseline = 0;  // distance from the line top to the baseline
    Pt width = 0;     // where the content ends, from the line's left edge
    std::vector<frame::Item> items;
    bool right_to_left = false;  // the paragraph's base direction (UAX #9) is right to left
    /// Footnote references on the line, in the order their link areas appear in `items`.
    std::vector<FootnoteRef> footnotes;
};

/// How a paragraph is set.
struct ParagraphStyle {
    Pt width = 0;               // measure
    Pt first_indent = 0;        // extra indent of the first line
    Pt leading = 12;
    bool justify = true;
    bool allow_url_breaks = true;
    bool hyphenate = false;     // use the typesetter's hyphenator on eligible words
    /// Base direction (UAX #9): Auto takes it from the first strong character; the document's
    /// `dir` sets it for every paragraph (rule HL1).
    shape::ParagraphDirection direction = shape::ParagraphDirection::Auto;
    /// Where lines that are not justified sit in the measure: Start is the left for a
    /// left-to-right paragraph and the right for a right-to-left one. A caller that places
    /// lines itself (centring them in a box of its own) asks for Left: `SetLine::width` is
    /// then the natural width.
    enum class Align { Start, Left, Center, Right };
    Align align = Align::Start;
};

/// Figures about the lines set, for judging evenness (issue: typesetting quality).
struct LineStats {
    /// Adjustment ratio of every justified line that is not a paragraph's last.
    std::vector<float> ratios;
    std::size_t lines = 0;
    std::size_t hyphenated_lines = 0;
    std::size_t emergency_lines = 0;          // lines the breaker could not set within tolerance
    std::size_t max_consecutive_hyphens = 0;  // longest run of lines ending in a hyphen
    std::size_t paragraphs = 0;               // paragraphs of two lines or more
    std::size_t final_hyphens = 0;            // ... whose next-to-last line ends with a hyphen
    /// Paragraphs of four lines or more whose last line is one word shorter than 15 % of the measure.
    std::size_t short_last_lines = 0;
};

}  // namespace galley::inlines
