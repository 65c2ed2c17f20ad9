// What a picture brings into the PDF that PDF/A-2 (ISO 19005-2) forbids, and whether it holds
// transparency. galley's own objects comply by construction; a picture's objects come from
// outside (an author's PDF, cairo's drawing of an SVG) and are copied as they are, so they are
// checked here before they are embedded. Private to pdf/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "frame/frame.h"

namespace galley::pdf {

/// The reasons `image` cannot be part of a file that meets `standard` (PDF/A-2 B or U), each a
/// phrase after the picture's name ("is a CMYK JPEG, ..."); empty when it can. What is looked at:
/// a JPEG's colour components (CMYK has no place beside the sRGB output intent, 6.2.4.3); a
/// vector picture's dictionaries and page content: fonts not embedded (6.2.11.4.1), and under
/// PDF/A-2u fonts without ToUnicode (6.2.11.7.2); DeviceCMYK (6.2.4.3); LZW (6.1.7.2);
/// transfer functions and halftones (6.2.5); OPI, PostScript and reference XObjects and image
/// alternates (6.2.8, 6.2.9; interpolation is turned off instead, without_interpolation());
/// optional content (6.9, galley writes no /OCProperties);
/// JavaScript (6.5.1). The content of the picture's forms is read where it is plain or Flate
/// without a predictor (up to 64 MB each).
std::vector<std::string> pdfa_problems(const frame::ImageData& image, const PdfStandard& standard);

/// `image` with every image of a vector picture marked for interpolation (cairo marks the
/// rasters of an SVG so) no longer marked, which PDF/A-2 forbids (6.2.8): "/Interpolate true"
/// becomes "/Interpolate null", the same length, so the references' offsets stay, and null is
/// the entry's absence, whose default is false (PDF 32000-1, 7.3.9). std::nullopt when there
/// is nothing to change.
std::optional<frame::ImageData> without_interpolation(const frame::ImageData& image);

/// Whether drawing `image` involves transparency (PDF 32000-1, 11): a PNG with an alpha channel
/// or transparent colour (drawn with a soft mask), or a vector picture with soft masks,
/// transparency groups or constant alpha.
bool has_transparency(const frame::ImageData& image);

}  // namespace galley::pdf
