// Fuzz target: a picture file through galley's reading of it: the PNG or JPEG header as layout
// reads it, then, when layout would place it, the image XObject the PDF writer makes of it
// (libpng decoding a PNG); an SVG drawn by librsvg into a PDF page, a PDF page read by qpdf,
// then its objects copied as a Form XObject.
#include <cstdint>
#include <string>
#include <string_view>

#include "layout/image_file.h"
#include "pdf/image_xobject.h"
#include "pdf/object_writer.h"
#include "picture/vector.h"

namespace {

/// Pictures above this many pixels are only read, not decoded: decoding one of galley's
/// largest (100 megapixels) takes seconds, and a fuzz run needs thousands of inputs a second.
/// The header checks still run on every input.
constexpr std::uint64_t kMaxDecodedPixels = 1 << 22;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace galley;
    const layout::ImageFileInfo info = layout::read_image_file({data, size});
    frame::ImageData image;
    if (info.problem.empty()) {
        if (std::uint64_t{info.width} * info.height > kMaxDecodedPixels) return 0;
        image.format = info.format;
        image.bytes.assign(data, data + size);
        image.width = info.width;
        image.height = info.height;
        image.components = info.components;
        image.inverted_cmyk = info.inverted_cmyk;
    } else {
        static picture::VectorReader reader(GALLEY_BUILD_MODULE_DIR "/picture-vector.so");
        const bool svg = picture::looks_like_svg({data, size});
        if (!svg && !picture::looks_like_pdf({data, size})) return 0;
        picture::VectorPicture vector = reader.read({data, size}, svg, 1);
        if (!vector.problem.empty()) return 0;
        image.format = frame::ImageData::Format::Pdf;
        image.objects = std::move(vector.objects);
        image.box = vector.box;
    }
    image.name = "fuzz.img";
    std::uint64_t written = 0;
    pdf::ObjectWriter out([&written](std::string_view bytes) {
        written += bytes.size();
        return true;
    });
    std::string problem;
    Rect space;
    pdf::write_image_xobject(out, image, space, problem);
    return 0;
}
