// A typesetter over the bundled fonts and a block layout run on Markdown text, shared by the
// tests of layout/ (block layout, tables, figures, footnotes).
#pragma once

#include "doc/document.h"
#include "frame_helpers.h"
#include "layout/layout.h"
#include "markdown/markdown.h"
#include "support.h"

namespace galley::test {

struct LayoutFixture {
    style::Style style;
    DiagnosticSink sink;
    font::FontBook book{read_bytes, kFontsDir};
    shape::Shaper shaper{book};
    inlines::Typesetter ts{style, book, shaper, sink};

    /// Lays out `md` (source name "t.md") with the front matter `dir` given; pictures are read
    /// from tests/images.
    layout::Flow flow(const std::string& md, doc::ParagraphDirection dir = doc::ParagraphDirection::Auto) {
        doc::Document d;
        d.metadata.dir = dir;
        markdown::parse(md, 1, "t.md", d, sink);
        layout::Options options;
        options.load_file = read_bytes;
        options.base_dir = GALLEY_SOURCE_DIR "/tests/images";
        return layout::layout_document(d, style, ts, options, sink);
    }

    /// Whether a diagnostic with `code` was given for source line `line`.
    bool warned(const std::string& code, std::uint32_t line) const {
        for (const auto& d : sink.items())
            if (d.code == code && d.location.line == line) return true;
        return false;
    }
};

}  // namespace galley::test
