// Image XObjects (PDF 32000-1, 8.9.5) from the pictures of frame::ImageData.
#pragma once

#include <hpdf.h>

#include <string>

#include "frame/frame.h"

namespace galley::pdf {

/// Builds the image XObject for `image` in `pdf`'s cross-reference table. A JPEG is embedded as
/// it is under /DCTDecode (/Decode inverts Adobe CMYK). A PNG of any colour type and depth is
/// decoded with libpng to 8-bit grey or RGB under /FlateDecode, with an 8-bit /SMask when it
/// has an alpha channel or a tRNS colour. libharu's own loaders are not used: in 2.3.0 they
/// mislabel 16-bit and 4-bit transparent PNGs, ignore tRNS colours, invert every CMYK JPEG and
/// abort the process on a truncated PNG. Returns nullptr and says why in `problem` when the
/// picture cannot be decoded.
HPDF_Image make_image_xobject(HPDF_Doc pdf, const frame::ImageData& image, std::string& problem);

}  // namespace galley::pdf
