// Picture XObjects: JPEG passed through, PNG decoded with libpng's simplified API, a vector
// picture's PDF objects (picture/ made them) copied as a Form XObject.
#include "pdf/image_xobject.h"

#include <png.h>

#include <vector>

#include "pdf/pdf_syntax.h"

namespace galley::pdf {

namespace {

/// The dict entries of an image XObject with its size, colour space and 8 bits per component.
std::string image_entries(std::uint32_t width, std::uint32_t height, const char* colour_space) {
    std::string e = "/Type /XObject /Subtype /Image /Width ";
    put_int(e, width);
    e += " /Height ";
    put_int(e, height);
    e += " /ColorSpace /";
    e += colour_space;
    e += " /BitsPerComponent 8";
    return e;
}

std::string_view bytes_of(const std::vector<std::uint8_t>& v) {
    return {reinterpret_cast<const char*>(v.data()), v.size()};
}

ObjRef jpeg(ObjectWriter& out, const frame::ImageData& image, std::string& problem) {
    const char* space = image.components == 1 ? "DeviceGray" : image.components == 3 ? "DeviceRGB"
                        : image.components == 4 ? "DeviceCMYK" : nullptr;
    if (!space) {
        problem = "a JPEG with " + std::to_string(image.components) + " colour components";
        return 0;
    }
    std::string entries = image_entries(image.width, image.height, space) + " /Filter /DCTDecode";
    if (image.inverted_cmyk) entries += " /Decode [1 0 1 0 1 0 1 0]";
    const ObjRef ref = out.reserve();
    return out.stream(ref, entries, bytes_of(image.bytes)) ? ref : 0;
}

ObjRef png(ObjectWriter& out, const frame::ImageData& image, std::string& problem) {
    png_image decoded{};
    decoded.version = PNG_IMAGE_VERSION;
    // libpng's simplified API reports errors through the struct (no longjmp into our frames)
    // and converts every colour type and depth, tRNS included, to the format asked for.
    if (!png_image_begin_read_from_memory(&decoded, image.bytes.data(), image.bytes.size())) {
        problem = decoded.message;
        return 0;
    }
    // The size layout checked and placed must be the one libpng decodes: anything else is a
    // file crafted to pass the check (the pixel budget) with other pixels.
    if (decoded.width != image.width || decoded.height != image.height) {
        problem = "its header does not match the size measured before";
        png_image_free(&decoded);
        return 0;
    }
    // Without gAMA or sRGB, 16-bit samples are sRGB as for 8-bit ones (as browsers show
    // them), not linear, which libpng assumes otherwise.
    decoded.flags |= PNG_IMAGE_FLAG_16BIT_sRGB;
    const bool colour = (decoded.format & PNG_FORMAT_FLAG_COLOR) != 0;
    const bool alpha = (decoded.format & PNG_FORMAT_FLAG_ALPHA) != 0;
    decoded.format = colour ? (alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB) : (alpha ? PNG_FORMAT_GA : PNG_FORMAT_GRAY);
    std::vector<std::uint8_t> pixels(PNG_IMAGE_SIZE(decoded));
    if (!png_image_finish_read(&decoded, nullptr, pixels.data(), 0, nullptr)) {
        problem = decoded.message;
        png_image_free(&decoded);
        return 0;
    }
    const std::size_t channels = PNG_IMAGE_PIXEL_CHANNELS(decoded.format);
    const std::size_t count = static_cast<std::size_t>(decoded.width) * decoded.height;
    const std::string entries = image_entries(decoded.width, decoded.height, colour ? "DeviceRGB" : "DeviceGray");
    if (!alpha) {
        const ObjRef ref = out.reserve();
        return out.flate_stream(ref, entries, bytes_of(pixels)) ? ref : 0;
    }

    // The alpha channel becomes a soft mask (11.6.5.3); the colour keeps the other channels.
    const std::size_t colours = channels - 1;
    std::vector<std::uint8_t> colour_samples(count * colours);
    std::vector<std::uint8_t> mask(count);
    for (std::size_t i = 0; i < count; ++i) {
        for (std::size_t c = 0; c < colours; ++c) colour_samples[i * colours + c] = pixels[i * channels + c];
        mask[i] = pixels[i * channels + colours];
    }
    const ObjRef smask = out.reserve();
    if (!out.flate_stream(smask, image_entries(decoded.width, decoded.height, "DeviceGray"), bytes_of(mask))) return 0;
    std::string with_mask = entries + " /SMask ";
    put_int(with_mask, smask);
    with_mask += " 0 R";
    const ObjRef ref = out.reserve();
    return out.flate_stream(ref, with_mask, bytes_of(colour_samples)) ? ref : 0;
}

/// Copies a vector picture's objects with numbers of this file, each reference written as one.
ObjRef form(ObjectWriter& out, const frame::ImageData& image) {
    std::vector<ObjRef> refs(image.objects.size());
    for (ObjRef& r : refs) r = out.reserve();
    std::string body;
    for (std::size_t i = 0; i < image.objects.size(); ++i) {
        const frame::PdfObject& o = image.objects[i];
        body.clear();
        std::size_t at = 0;
        for (const auto& [offset, index] : o.refs) {
            body.append(o.body, at, offset - at);
            put_int(body, index < refs.size() ? refs[index] : 0);  // 0 0 R: a null object (7.3.10)
            body += " 0 R";
            at = offset;
        }
        body.append(o.body, at);
        const bool ok = !o.stream     ? out.object(refs[i], body)
                        : o.compress ? out.flate_stream(refs[i], body, o.data)
                                     : out.stream(refs[i], body, o.data);
        if (!ok) return 0;
    }
    return refs.empty() ? 0 : refs[0];
}

}  // namespace

ObjRef write_image_xobject(ObjectWriter& out, const frame::ImageData& image, Rect& space, std::string& problem) {
    space = {0, 0, 1, 1};
    switch (image.format) {
        case frame::ImageData::Format::Jpeg: return jpeg(out, image, problem);
        case frame::ImageData::Format::Png: return png(out, image, problem);
        case frame::ImageData::Format::Pdf: space = image.box; return form(out, image);
    }
    return 0;
}

}  // namespace galley::pdf
