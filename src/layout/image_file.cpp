// PNG and JPEG headers: format, pixel size, stored resolution, and whether galley can embed the
// file. Only headers are read; the pixels are the writer's business.
#include "layout/image_file.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace galley::layout {

namespace {

using Bytes = std::span<const std::uint8_t>;

std::uint32_t be16(Bytes b, std::size_t at) { return std::uint32_t(b[at]) << 8 | b[at + 1]; }
std::uint32_t be32(Bytes b, std::size_t at) { return be16(b, at) << 16 | be16(b, at + 2); }

bool starts_with(Bytes b, std::size_t at, std::string_view s) {
    return at + s.size() <= b.size() && std::memcmp(b.data() + at, s.data(), s.size()) == 0;
}

constexpr double kMetresPerInch = 0.0254;
/// The writer decodes a PNG whole (4 bytes a pixel at most): a bound on the memory a picture,
/// or a file crafted to expand, may take. 100 megapixels is far beyond any print use.
constexpr std::uint64_t kMaxPixels = 100'000'000;
constexpr double kCentimetresPerInch = 2.54;

ImageFileInfo fail(std::string problem) {
    ImageFileInfo info;
    info.problem = std::move(problem);
    return info;
}

/// Bit depths allowed for each PNG colour type (PNG spec table 11.1).
bool valid_png_depth(unsigned colour_type, unsigned depth) {
    switch (colour_type) {
        case 0: return depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
        case 3: return depth == 1 || depth == 2 || depth == 4 || depth == 8;
        case 2:
        case 4:
        case 6: return depth == 8 || depth == 16;
        default: return false;
    }
}

ImageFileInfo png(Bytes b) {
    ImageFileInfo info;
    info.format = frame::ImageData::Format::Png;
    std::size_t at = 8;  // after the signature
    bool ihdr = false, palette = false, data = false;
    unsigned colour_type = 0;
    while (true) {
        if (at + 12 > b.size()) return fail("truncated PNG file");
        const std::uint32_t length = be32(b, at);
        if (length > b.size() - at - 12) return fail("truncated PNG file");
        const std::size_t body = at + 8;
        if (!ihdr && !starts_with(b, at + 4, "IHDR")) return fail("PNG file without a header chunk");
        if (starts_with(b, at + 4, "IHDR")) {
            // The decoder reads the first; a size checked on another would be a lie.
            if (ihdr) return fail("PNG file with two header chunks");
            if (length != 13) return fail("PNG header chunk of the wrong size");
            ihdr = true;
            info.width = be32(b, body);
            info.height = be32(b, body + 4);
            const unsigned depth = b[body + 8];
            colour_type = b[body + 9];
            if (!valid_png_depth(colour_type, depth))
                return fail("PNG colour type " + std::to_string(colour_type) + " with " + std::to_string(depth) +
                            "-bit samples");
            if (b[body + 10] != 0 || b[body + 11] != 0 || b[body + 12] > 1) return fail("PNG of an unknown kind");
        } else if (starts_with(b, at + 4, "PLTE")) {
            palette = true;
        } else if (starts_with(b, at + 4, "IDAT")) {
            data = true;
        } else if (starts_with(b, at + 4, "pHYs") && length == 9 && b[body + 8] == 1) {
            info.dpi_x = be32(b, body) * kMetresPerInch;
            info.dpi_y = be32(b, body + 4) * kMetresPerInch;
        } else if (starts_with(b, at + 4, "IEND")) {
            break;
        }
        at = body + length + 4;
    }
    if (!data) return fail("PNG file without image data");
    if (colour_type == 3 && !palette) return fail("palette PNG without a palette");
    return info;
}

ImageFileInfo jpeg(Bytes b) {
    ImageFileInfo info;
    info.format = frame::ImageData::Format::Jpeg;
    bool adobe = false, frame_header = false;
    std::size_t at = 2;  // after SOI
    while (true) {
        // A marker is 0xFF, any number of 0xFF fill bytes, then its code (T.81 B.1.1.2).
        if (at >= b.size() || b[at] != 0xFF) return fail("damaged JPEG file (no marker where one must be)");
        while (at < b.size() && b[at] == 0xFF) ++at;
        if (at >= b.size()) return fail("truncated JPEG file");
        const std::uint8_t code = b[at++];
        if (code == 0x01 || (code >= 0xD0 && code <= 0xD7)) continue;  // no length follows
        if (code == 0xD9) return fail("JPEG file without image data");
        if (at + 2 > b.size()) return fail("truncated JPEG file");
        const std::uint32_t length = be16(b, at);
        if (length < 2 || at + length > b.size()) return fail("truncated JPEG file");
        const std::size_t body = at + 2;
        if (code == 0xE0 && length >= 14 && starts_with(b, body, std::string_view("JFIF\0", 5))) {
            const unsigned units = b[body + 7];
            const double per_inch = units == 1 ? 1 : units == 2 ? kCentimetresPerInch : 0;
            info.dpi_x = be16(b, body + 8) * per_inch;
            info.dpi_y = be16(b, body + 10) * per_inch;
        } else if (code == 0xEE && starts_with(b, body, "Adobe")) {
            adobe = true;
        } else if (code >= 0xC0 && code <= 0xCF && code != 0xC4 && code != 0xC8 && code != 0xCC) {
            if (code > 0xC2) return fail("lossless, hierarchical or arithmetic-coded JPEG");
            if (length < 8) return fail("damaged JPEG frame header");
            const unsigned precision = b[body];
            info.height = be16(b, body + 1);
            info.width = be16(b, body + 3);
            info.components = b[body + 5];
            if (precision != 8) return fail(std::to_string(precision) + "-bit JPEG");
            if (info.components != 1 && info.components != 3 && info.components != 4)
                return fail("JPEG with " + std::to_string(info.components) + " colour components");
            frame_header = true;
        } else if (code == 0xDA) {
            if (!frame_header) return fail("JPEG file without a frame header");
            break;
        }
        at += length;
    }
    info.inverted_cmyk = adobe && info.components == 4;
    return info;
}

}  // namespace

ImageFileInfo read_image_file(std::span<const std::uint8_t> bytes) {
    static constexpr std::array<std::uint8_t, 8> kPngSignature{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    ImageFileInfo info;
    if (bytes.size() >= 8 && std::equal(kPngSignature.begin(), kPngSignature.end(), bytes.begin()))
        info = png(bytes);
    else if (bytes.size() >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        info = jpeg(bytes);
    else
        return fail("not a PNG or JPEG file");
    if (!info.problem.empty()) return info;
    if (info.width == 0 || info.height == 0) return fail("picture without pixels");
    if (std::uint64_t{info.width} * info.height > kMaxPixels)
        return fail("picture of " + std::to_string(std::uint64_t{info.width} * info.height / 1'000'000) +
                    " megapixels (galley takes at most " + std::to_string(kMaxPixels / 1'000'000) + ")");
    if (info.dpi_x <= 0 || info.dpi_y <= 0) info.dpi_x = info.dpi_y = 0;
    return info;
}

}  // namespace galley::layout
