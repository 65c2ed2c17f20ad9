// Inline content of the document model to the inline stage's spans, and spans to set lines:
// emphasis, code, links (checked against the document's anchors), footnote references and
// pictures, the same in paragraphs, headings, cells, captions and notes.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "doc/document.h"
#include "layout/figure.h"
#include "layout/inline_setter.h"
#include "layout/layout.h"

namespace galley::layout {

class InlineText : public InlineSetter {
public:
    /// `direction`: the document's `dir`, which holds for every paragraph set here.
    InlineText(const doc::Document& doc, const style::Style& style, Typesetter& ts, const Options& options,
               DiagnosticSink& sink, shape::ParagraphDirection direction);

    std::vector<Span> spans(const std::vector<doc::Inline>& inlines, const SpanStyle& style, Pt leading) override;
    std::vector<SetLine> lines(const std::vector<Span>& spans, const ParagraphStyle& para) override;

    /// Makes `s` a link to the target of link inline `link`: an external URI, or a heading's
    /// or note's anchor; a link to a missing anchor is warned about and left plain.
    void link_target(const doc::Inline& link, SpanStyle& s);
    /// The picture of an image inline, or nullptr after a warning (see PictureLibrary::find).
    const Picture* picture(const doc::Inline& image) { return pictures_.find(image); }

private:
    void to_spans(const std::vector<doc::Inline>& ins, SpanStyle st, std::vector<Span>& out);
    void warn_undefined_notes(const doc::Inline& text);

    const style::Style& style_;
    Typesetter& ts_;
    DiagnosticSink& sink_;
    const shape::ParagraphDirection direction_;
    PictureLibrary pictures_;
    std::set<std::string> anchors_;  // heading slugs and footnote anchors
    /// The leading of the lines the spans being made will be set on (inline pictures fit it).
    Pt leading_ = 0;
    std::uint32_t frames_ = 0;  // framed alt texts so far (SpanStyle::frame ids)
};

}  // namespace galley::layout
