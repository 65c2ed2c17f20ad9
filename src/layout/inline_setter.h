// The block layouter's service to table and figure layout: inline content to spans and lines,
// with links, footnote markers and inline pictures handled the same everywhere.
#pragma once

#include <vector>

#include "doc/document.h"
#include "layout/layout.h"

namespace galley::layout {

/// The span style of a text role; ligatures and kerning on unless `ligatures` is false.
SpanStyle span_style(const style::TextStyle& t, bool ligatures = true);

class InlineSetter {
public:
    virtual ~InlineSetter() = default;
    /// Spans of `inlines` in `style`, on lines `leading` apart (inline pictures are scaled to
    /// that height). Warns about what cannot be shown (missing pictures, undefined footnotes).
    virtual std::vector<Span> spans(const std::vector<doc::Inline>& inlines, const SpanStyle& style,
                                    Pt leading) = 0;
    /// Sets spans made by spans() as lines, inline pictures in place.
    virtual std::vector<SetLine> lines(const std::vector<Span>& spans, const ParagraphStyle& para) = 0;
};

}  // namespace galley::layout
