// The typesetter: styled inline text to box/glue/penalty lists, line breaking, and lines of
// positioned glyph runs. Shared by block layout (paragraphs) and pagination (footers).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "frame/frame.h"
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
    Pt width = 0;     // natural width of the content
    std::vector<frame::Item> items;
};

/// How a paragraph is set.
struct ParagraphStyle {
    Pt width = 0;               // measure
    Pt first_indent = 0;        // extra indent of the first line
    Pt leading = 12;
    bool justify = true;
    bool allow_url_breaks = true;
};

class Typesetter {
public:
    Typesetter(const style::Style& style, font::FontBook& book, shape::Shaper& shaper,
               DiagnosticSink& sink);
    ~Typesetter();

    /// Breaks spans into lines of `para.width` and positions every glyph. Lines whose content
    /// cannot fit (an unbreakable word wider than the measure) are broken between clusters, and
    /// a warning names the source line once per paragraph.
    std::vector<SetLine> set_paragraph(const std::vector<Span>& spans, const ParagraphStyle& para);

    /// A single unbroken line of text starting at `origin` (on the baseline), for footers,
    /// markers and leaders: one glyph run per face the text needs.
    std::vector<frame::Item> set_text(std::string_view text, const SpanStyle& style, Point origin);
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
