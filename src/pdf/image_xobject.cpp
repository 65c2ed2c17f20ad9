// Image XObjects: JPEG passed through, PNG decoded with libpng's simplified API.
#include "pdf/image_xobject.h"

#include <png.h>

#include <vector>

namespace galley::pdf {

namespace {

/// A new image XObject dict with its size, colour space and 8 bits per component; its stream
/// is filled by the caller.
HPDF_Dict new_image(HPDF_Doc pdf, std::uint32_t width, std::uint32_t height, const char* colour_space,
                    HPDF_UINT filter) {
    HPDF_Dict image = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!image) return nullptr;
    image->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
    image->filter = filter;
    HPDF_STATUS st = HPDF_Dict_AddName(image, "Type", "XObject");
    st |= HPDF_Dict_AddName(image, "Subtype", "Image");
    st |= HPDF_Dict_AddNumber(image, "Width", width);
    st |= HPDF_Dict_AddNumber(image, "Height", height);
    st |= HPDF_Dict_AddName(image, "ColorSpace", colour_space);
    st |= HPDF_Dict_AddNumber(image, "BitsPerComponent", 8);
    return st == HPDF_OK ? image : nullptr;
}

bool write(HPDF_Dict image, const std::uint8_t* data, std::size_t size) {
    return HPDF_Stream_Write(image->stream, data, static_cast<HPDF_UINT>(size)) == HPDF_OK;
}

HPDF_Image jpeg(HPDF_Doc pdf, const frame::ImageData& image, std::string& problem) {
    const char* space = image.components == 1 ? "DeviceGray" : image.components == 3 ? "DeviceRGB"
                        : image.components == 4 ? "DeviceCMYK" : nullptr;
    if (!space) {
        problem = "a JPEG with " + std::to_string(image.components) + " colour components";
        return nullptr;
    }
    HPDF_Dict xobject = new_image(pdf, image.width, image.height, space, HPDF_STREAM_FILTER_DCT_DECODE);
    if (!xobject) return nullptr;
    if (image.inverted_cmyk) {
        HPDF_Array decode = HPDF_Array_New(pdf->mmgr);
        if (!decode || HPDF_Dict_Add(xobject, "Decode", decode) != HPDF_OK) return nullptr;
        for (int i = 0; i < 4; ++i)
            if (HPDF_Array_AddNumber(decode, 1) != HPDF_OK || HPDF_Array_AddNumber(decode, 0) != HPDF_OK)
                return nullptr;
    }
    return write(xobject, image.bytes.data(), image.bytes.size()) ? xobject : nullptr;
}

HPDF_Image png(HPDF_Doc pdf, const frame::ImageData& image, std::string& problem) {
    png_image decoded{};
    decoded.version = PNG_IMAGE_VERSION;
    // libpng's simplified API reports errors through the struct (no longjmp into our frames)
    // and converts every colour type and depth, tRNS included, to the format asked for.
    if (!png_image_begin_read_from_memory(&decoded, image.bytes.data(), image.bytes.size())) {
        problem = decoded.message;
        return nullptr;
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
        return nullptr;
    }
    const std::size_t channels = PNG_IMAGE_PIXEL_CHANNELS(decoded.format);
    const std::size_t count = static_cast<std::size_t>(decoded.width) * decoded.height;
    HPDF_Dict xobject = new_image(pdf, decoded.width, decoded.height, colour ? "DeviceRGB" : "DeviceGray",
                                  HPDF_STREAM_FILTER_FLATE_DECODE);
    if (!xobject) return nullptr;
    if (!alpha) return write(xobject, pixels.data(), pixels.size()) ? xobject : nullptr;

    // The alpha channel becomes a soft mask (11.6.5.3); the colour keeps the other channels.
    const std::size_t colours = channels - 1;
    std::vector<std::uint8_t> colour_samples(count * colours);
    std::vector<std::uint8_t> mask(count);
    for (std::size_t i = 0; i < count; ++i) {
        for (std::size_t c = 0; c < colours; ++c) colour_samples[i * colours + c] = pixels[i * channels + c];
        mask[i] = pixels[i * channels + colours];
    }
    HPDF_Dict smask = new_image(pdf, decoded.width, decoded.height, "DeviceGray", HPDF_STREAM_FILTER_FLATE_DECODE);
    if (!smask || !write(smask, mask.data(), mask.size()) || HPDF_Dict_Add(xobject, "SMask", smask) != HPDF_OK)
        return nullptr;
    return write(xobject, colour_samples.data(), colour_samples.size()) ? xobject : nullptr;
}

}  // namespace

HPDF_Image make_image_xobject(HPDF_Doc pdf, const frame::ImageData& image, std::string& problem) {
    return image.format == frame::ImageData::Format::Jpeg ? jpeg(pdf, image, problem) : png(pdf, image, problem);
}

}  // namespace galley::pdf
