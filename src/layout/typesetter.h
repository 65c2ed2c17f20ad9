// The typesetter: styled inline text to box/glue/penalty lists, line breaking, and lines of
// positioned glyph runs. Shared by block layout (paragraphs) and pagination (footers).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "frame/frame.h"
#include "linebreak/hyphenate.h"
#include "linebreak/linebreak.h"
#include "shape/bidi.h"
#include "shape/shape.h"
#include "style/style.h"

namespace galley::layout {

/// The look of a piece of inline text, fully resolved.
struct SpanStyle {
    std::string family;
    font::FaceStyle face_style;
    Pt size = 10;
    Color color;
    shape::Features features;
    bool strike = false;
    bool code = false;      // inline code: shaded background, no hyphenation or ligatures
    Pt rise = 0;            // baseline shift (footnote markers)
    std::string link_uri;   // external link target
    std::string link_dest;  // internal link target (a heading slug)
};

/// A piece of inline text with its style and source location.
struct Span {
    std::string text;
    SpanStyle style;
    SourceLocation location;
    bool hard_break = false;  // a forced line break instead of text
};

/// A finished line: items relative to the line's top-left corner at (x = left, y = 0), y down
/// negative as in Fragment.
struct SetLine {
    Pt height = 0;
    Pt baseline = 0;  // distance from the line top to the baseline
    Pt width = 0;     // where the content ends, from the line's left edge
    std::vector<frame::Item> items;
    bool right_to_left = false;  // the paragraph's base direction (UAX #9) is right to left
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
};

/// Tokens longer than this many bytes may break after URL punctuation (as links and code do).
constexpr std::size_t kUrlLikeToken = 16;

/// Whether a token without spaces may break after its character `c`, which starts at byte
/// `at` and ends at `end`, besides UAX #14's opportunities: after a hyphen inside the current
/// part (`part_start` < `at`) that no digit follows ("well-known", not "-5" or "MOB-811"), and
/// in a URL-like token after / . _ - # ? & = but never between the slashes of "//". The
/// typesetter breaks there; table columns are measured between these points.
bool breaks_after(std::string_view token, std::size_t part_start, std::size_t at, std::size_t end, char32_t c,
                  bool url_like);

/// Settings of the typesetter that are not style: chosen per document.
struct TypesetterSettings {
    /// Liang patterns for the document language, or nullptr for no hyphenation.
    const linebreak::Hyphenator* hyphenator = nullptr;
    linebreak::Algorithm algorithm = linebreak::Algorithm::TotalFit;
    /// Receives line figures when not null.
    LineStats* stats = nullptr;
};

class Typesetter {
public:
    Typesetter(const style::Style& style, font::FontBook& book, shape::Shaper& shaper,
               DiagnosticSink& sink, TypesetterSettings settings = {});
    ~Typesetter();

    /// Breaks spans into lines of `para.width` and positions every glyph. Words break at
    /// spaces, after explicit hyphens and soft hyphens (U+00AD), at hyphenation points when
    /// `para.hyphenate` (never in code, URLs, or words with digits, nor next to an apostrophe),
    /// and after URL punctuation in long tokens. Lines whose content cannot fit (an unbreakable
    /// word wider than the measure) are broken between clusters, and a warning names the
    /// source line once per paragraph. Justified lines are stretched from the widths of the
    /// glyphs actually drawn, so they end exactly at the measure.
    std::vector<SetLine> set_paragraph(const std::vector<Span>& spans, const ParagraphStyle& para);

    /// A single unbroken line of text starting at `origin` (on the baseline), for footers,
    /// markers, leaders and code lines: one glyph run per face and direction the text needs,
    /// in visual order (UAX #9 with base direction `direction`; Auto takes the first strong
    /// character's). `where` locates the text in the source for warnings (missing glyphs);
    /// text without a location (style text, markers) is not warned about.
    std::vector<frame::Item> set_text(std::string_view text, const SpanStyle& style, Point origin,
                                      shape::ParagraphDirection direction = shape::ParagraphDirection::Auto,
                                      const SourceLocation& where = {});
    /// Natural width of a single unbroken line of text.
    Pt measure(std::string_view text, const SpanStyle& style);

    /// The face a span style resolves to (nullptr if its family cannot be loaded).
    const font::Face* face(const SpanStyle& style);
    /// Ascender and descender of the style's face, in points (descender negative).
    std::pair<Pt, Pt> vertical_metrics(const SpanStyle& style);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace galley::layout
