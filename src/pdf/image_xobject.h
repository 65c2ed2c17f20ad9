// Image XObjects (PDF 32000-1, 8.9.5) from the pictures of frame::ImageData.
#pragma once

#include <string>

#include "frame/frame.h"
#include "pdf/object_writer.h"

namespace galley::pdf {

/// Writes the XObject for `image` through `out` and returns its object number. A JPEG is
/// embedded as it is under /DCTDecode (/Decode inverts Adobe CMYK). A PNG of any colour type
/// and depth is decoded with libpng to 8-bit grey or RGB under /FlateDecode, with an 8-bit
/// /SMask when it has an alpha channel or a tRNS colour. A PDF page becomes a Form XObject
/// with the objects it uses. `space` receives the rectangle the XObject draws into (points for
/// a form, the unit square for an image), which placing it maps onto the picture's rect.
/// Returns 0 and says why in `problem` when the picture cannot be decoded, or 0 with `problem`
/// empty when `out` failed.
ObjRef write_image_xobject(ObjectWriter& out, const frame::ImageData& image, Rect& space, std::string& problem);

}  // namespace galley::pdf
