// The PDF writer: writes frame pages as they come, each one's content stream, resources and
// link annotations at once, so a page's frames can be freed as soon as it is written; at the
// end galley's own Type0/CID fonts (subset with hb-subset, ToUnicode from glyph clusters),
// named destinations, the outline and the Info dictionary (DESIGN.md section 5). The file is
// PDF 1.7 with object streams and a cross-reference stream (object_writer.h).
#pragma once

#include <memory>
#include <vector>

#include "frame/frame.h"
#include "galley/diagnostic.h"
#include "galley/galley.h"
#include "pdf/object_writer.h"

namespace galley::pdf {

class Writer;

/// One PDF written page by page to a byte sink. Deterministic: the same frames give the same
/// bytes (no clock; /ID derived from the content). A failure (a sink that refuses bytes,
/// zlib, hb-subset) is pushed to the sink as a pdf.write error; later calls then do nothing.
class DocumentWriter {
public:
    DocumentWriter(ByteSink out, const frame::Info& info, DiagnosticSink& diagnostics);
    ~DocumentWriter();
    DocumentWriter(const DocumentWriter&) = delete;
    DocumentWriter& operator=(const DocumentWriter&) = delete;

    /// Writes `page` now: nothing of it is kept but its anchors' positions. False after a failure.
    bool add_page(const frame::Page& page);
    /// Writes what refers across pages (named destinations, the outline, the fonts, Info, the
    /// structure tree when Info::tagged, the catalog, the cross-reference stream). A document
    /// without pages gets one empty A4 page. Links to an anchor no page had are reported
    /// (link.dest). False after a failure.
    bool finish(const std::vector<frame::OutlineEntry>& outline, const frame::StructTree& structure);

private:
    std::unique_ptr<Writer> writer_;
};

/// Writes `doc` whole and returns its bytes; empty after an error (pushed to `sink`).
Bytes write(const frame::Document& doc, DiagnosticSink& sink);

}  // namespace galley::pdf
