// Fuzz target: a picture file through galley's reading of it: the PNG or JPEG header as layout
// reads it, then, when layout would place it, the image XObject the PDF writer makes of it
// (libpng decoding a PNG).
#include <cstdint>
#include <string>
#include <string_view>

#include "layout/image_file.h"
#include "pdf/image_xobject.h"
#include "pdf/object_writer.h"

namespace {

/// Pictures above this many pixels are only read, not decoded: decoding one of galley's
/// largest (100 megapixels) takes seconds, and a fuzz run needs thousands of inputs a second.
/// The header checks still run on every input.
constexpr std::uint64_t kMaxDecodedPixels = 1 << 22;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace galley;
    const layout::ImageFileInfo info = layout::read_image_file({data, size});
    if (!info.problem.empty() || std::uint64_t{info.width} * info.height > kMaxDecodedPixels) return 0;

    frame::ImageData image;
    image.format = info.format;
    image.bytes.assign(data, data + size);
    image.width = info.width;
    image.height = info.height;
    image.components = info.components;
    image.inverted_cmyk = info.inverted_cmyk;
    image.name = "fuzz.img";
    std::uint64_t written = 0;
    pdf::ObjectWriter out([&written](std::string_view bytes) {
        written += bytes.size();
        return true;
    });
    std::string problem;
    pdf::write_image_xobject(out, image, problem);
    return 0;
}
