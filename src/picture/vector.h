// Vector pictures: an SVG drawing (drawn by librsvg onto a cairo PDF surface) or a page of a PDF
// file (read by libqpdf) as the PDF objects of a Form XObject, which the writer copies into the
// document. No rasterising: paths stay paths, text stays text where librsvg keeps it. The
// libraries live in a module (module/, picture-vector.so) loaded with dlopen on the first such
// picture, so that documents without one load none of them.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "frame/frame.h"

struct GalleyPictureModule;  // module/abi.h

namespace galley::picture {

/// A vector picture, or why it cannot be used.
struct VectorPicture {
    /// Empty when usable; else what is wrong, in the words of a warning ("is an encrypted
    /// PDF", "has 2 pages, not a page 5", "is not a readable SVG drawing (...)").
    std::string problem;
    std::vector<frame::PdfObject> objects;  // [0] is the Form XObject
    /// The page's box in the space the form draws into, in points (its /BBox through its
    /// /Matrix, so /Rotate and /UserUnit are applied): the picture's natural size.
    Rect box;
};

/// Whether `bytes` look like an SVG drawing: an `<svg` tag within the first 4 KB.
bool looks_like_svg(std::span<const std::uint8_t> bytes);
/// Whether `bytes` look like a PDF file: `%PDF-` within the first 1 KB (PDF 32000-1, 7.5.2;
/// readers allow junk before it).
bool looks_like_pdf(std::span<const std::uint8_t> bytes);

/// Reads vector pictures through the module at the path it is given. Cheap to create: the
/// module is loaded on the first read, once per process.
class VectorReader {
public:
    explicit VectorReader(std::string module_path);

    /// An SVG drawing (`svg`), or page `page` (1-based) of a PDF file. An SVG's size is its
    /// width and height in absolute units, px at 96 per inch; else its viewBox in px; else
    /// 300 x 150 px (HTML's default). Files it refers to are not read (the core does no I/O):
    /// a raster inside must be a data: URL. Its text is set by librsvg through Pango with the
    /// installed fonts. A PDF that is encrypted, damaged beyond qpdf's repair, or lacks the
    /// page is refused; so is any picture when the module cannot be loaded.
    VectorPicture read(std::span<const std::uint8_t> bytes, bool svg, int page);

private:
    std::string module_path_;
    const GalleyPictureModule* module_ = nullptr;
    std::string load_error_;
    bool tried_ = false;
};

}  // namespace galley::picture
