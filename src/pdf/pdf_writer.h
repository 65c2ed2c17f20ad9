// The PDF writer: walks frame pages and writes them with libharu, embedding galley's own
// Type0/CIDFontType2 fonts (subset with hb-subset, ToUnicode from glyph clusters), link
// annotations, named destinations, the outline and the Info dictionary (DESIGN.md section 5).
#pragma once

#include "frame/frame.h"
#include "galley/diagnostic.h"
#include "galley/galley.h"

namespace galley::pdf {

/// Writes `doc` as a PDF 1.7 file and returns its bytes. Deterministic: the same frames give
/// the same bytes (no clock; /ID derived from the content). Errors from libharu or hb-subset
/// are pushed to `sink` and yield empty bytes.
Bytes write(const frame::Document& doc, DiagnosticSink& sink);

}  // namespace galley::pdf
