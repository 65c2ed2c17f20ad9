// The typesetter: the inline stage's entry point. Styled spans -> items (collect) -> lines
// (linebreak::break_lines) -> visual order (reorder) -> positioned glyph runs, decorations,
// links, pictures and footnote references (assemble). Shared by block layout (paragraphs,
// cells, captions, markers) and pagination (footers).
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "frame/frame.h"
#include "inline/types.h"
#include "linebreak/hyphenate.h"
#include "linebreak/linebreak.h"
#include "shape/bidi.h"
#include "shape/shape.h"
#include "style/style.h"

namespace galley::inlines {

/// Settings of the typesetter that are not style: chosen per document.
struct TypesetterSettings {
    /// Liang patterns for the document language, or nullptr for no hyphenation.
    const linebreak::Hyphenator* hyphenator = nullptr;
    linebreak::Algorithm algorithm = linebreak::Algorithm::TotalFit;
    /// Receives line figures when not null.
    LineStats* stats = nullptr;
    /// Paragraphs with more bytes of text than this are set in windows of this many bytes, so
    /// the break list and the breaker's nodes do not grow with the paragraph: a window's lines
    /// up to three quarters of its items are kept and the rest set again with the next window.
    std::size_t window_bytes = 64 * 1024;
};

class Typesetter {
public:
    Typesetter(const style::Style& style, font::FontBook& book, shape::Shaper& shaper, DiagnosticSink& sink,
               TypesetterSettings settings = {});
    ~Typesetter();

    /// Breaks spans into lines of `para.width` points and positions every glyph. Words break
    /// at spaces, after explicit hyphens and soft hyphens (U+00AD), at hyphenation points when
    /// `para.hyphenate` (never in code, URLs, or words with digits, nor next to an apostrophe),
    /// and after URL punctuation in long tokens. Lines whose content cannot fit (an unbreakable
    /// word wider than the measure) are broken between clusters, and a warning names the
    /// source line once per paragraph. Justified lines are stretched from the widths of the
    /// glyphs actually drawn, so they end exactly at the measure. A paragraph of more than
    /// `TypesetterSettings::window_bytes` is set in windows of that size.
    std::vector<SetLine> set_paragraph(const std::vector<Span>& spans, const ParagraphStyle& para);

    /// A single unbroken line of text starting at `origin` (on the baseline), for footers,
    /// markers, leaders and code lines: one glyph run per face and direction the text needs,
    /// in visual order (UAX #9 with base direction `direction`; Auto takes the first strong
    /// character's). `where` locates the text in the source for warnings (missing glyphs);
    /// text without a location (style text, markers) is not warned about.
    std::vector<frame::Item> set_text(std::string_view text, const SpanStyle& style, Point origin,
                                      shape::ParagraphDirection direction = shape::ParagraphDirection::Auto,
                                      const SourceLocation& where = {});
    /// Natural width of a single unbroken line of text, in points.
    Pt measure(std::string_view text, const SpanStyle& style);
    /// Width in points of the widest part `word` (no spaces) has when it is hyphenated at every
    /// point its patterns allow, a part's hyphen included; the whole word's width when it has
    /// no points (or is code, or URL-like).
    Pt widest_part(std::string_view word, const SpanStyle& style);

    /// The face a span style resolves to (nullptr if its family cannot be loaded).
    const font::Face* face(const SpanStyle& style);
    /// The regular face of an optional family (the math font): nullptr, and no diagnostic, if
    /// it cannot be loaded; the caller says what it does without.
    const font::Face* optional_face(const std::string& family);
    /// Ascender and descender of the style's face, in points (descender negative).
    std::pair<Pt, Pt> vertical_metrics(const SpanStyle& style);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace galley::inlines
