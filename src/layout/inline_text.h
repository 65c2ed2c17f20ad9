// Inline content of the document model to the inline stage's spans, and spans to set lines:
// emphasis, code, links (checked against the document's anchors), footnote references and
// pictures, the same in paragraphs, headings, cells, captions and notes.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "doc/document.h"
#include "inline/smart.h"
#include "layout/figure.h"
#include "layout/formulas.h"
#include "layout/layout.h"
#include "layout/structure.h"

namespace galley::layout {

/// The span style of a text role; ligatures and kerning on unless `ligatures` is false.
SpanStyle span_style(const style::TextStyle& t, bool ligatures = true);

/// Inline content to spans and set lines, with links, footnote references and pictures handled
/// the same in paragraphs, headings, table cells, captions and notes.
class InlineText {
public:
    /// `direction`: the document's `dir`, which holds for every paragraph set here.
    InlineText(const doc::Document& doc, const style::Style& style, Typesetter& ts, const Options& options,
               DiagnosticSink& sink, shape::ParagraphDirection direction, Structure& structure);

    /// Spans of `inlines` in `style`, on lines `leading` apart (inline pictures are scaled to
    /// that height). Warns about what cannot be shown (missing pictures, undefined footnotes).
    /// The text goes into the structure `style.tag` names, with an element of its own for each
    /// link, code span, formula, picture and footnote reference (and the note it calls).
    std::vector<Span> spans(const std::vector<doc::Inline>& inlines, const SpanStyle& style, Pt leading);
    /// The text of `inlines` as doc::plain_text gives it, with the document's smart punctuation
    /// (code kept as typed): a heading's title for the contents and the outline.
    std::string plain_text(const std::vector<doc::Inline>& inlines) const;
    /// Sets spans made by spans() as lines, in the document's direction.
    std::vector<SetLine> lines(const std::vector<Span>& spans, const ParagraphStyle& para);

    /// Makes `s` a link to the target of link inline `link`: an external URI, or a heading's
    /// or note's anchor; a link to a missing anchor is warned about and left plain.
    void link_target(const doc::Inline& link, SpanStyle& s);
    /// The picture of an image inline, or nullptr after a warning (see PictureLibrary::find).
    const Picture* picture(const doc::Inline& image) { return pictures_.find(image); }
    /// Where the document's warnings go.
    DiagnosticSink& sink() { return sink_; }
    /// The document's formulas (inline ones are set here, display ones by block layout).
    Formulas& formulas() { return formulas_; }
    /// The structure tree being built.
    Structure& structure() { return structure_; }
    /// Whether pictures must have alt text (Options::require_alt_text).
    bool require_alt_text() const { return require_alt_text_; }

private:
    /// Returns the tag for what follows `ins` in their container (a new slot after an inline element).
    frame::Tag to_spans(const std::vector<doc::Inline>& ins, SpanStyle st, std::vector<Span>& out);
    void warn_undefined_notes(const doc::Inline& text);
    /// Inline code (and a formula that cannot be set, as its source) in the code font.
    static Span code_span(std::string text, SpanStyle s, const style::Style& style, const SourceLocation& at);
    Span formula_span(const doc::Inline& in, const SpanStyle& st);

    const style::Style& style_;
    Typesetter& ts_;
    DiagnosticSink& sink_;
    const shape::ParagraphDirection direction_;
    const inlines::Punctuation punctuation_;  // the document's smart punctuation
    PictureLibrary pictures_;
    Formulas formulas_;
    std::set<std::string> anchors_;  // heading slugs and footnote anchors
    /// Slugs by their lower case, for fragments that match none exactly (GitHub's behaviour).
    std::map<std::string, std::string> anchors_by_case_;
    /// The leading of the lines the spans being made will be set on (inline pictures fit it).
    Pt leading_ = 0;
    std::uint32_t frames_ = 0;  // framed alt texts so far (SpanStyle::frame ids)
    Structure& structure_;
    bool require_alt_text_ = false;
};

}  // namespace galley::layout
