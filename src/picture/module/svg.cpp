// SVG to a one-page PDF: librsvg draws the document onto a cairo PDF surface in memory.
#include <cairo-pdf.h>
#include <cairo.h>
#include <librsvg/rsvg.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string_view>

#include "picture/module/module.h"

namespace galley::picture::module {

namespace {

/// The largest side an SVG may have, in points (about 35 m): beyond it a drawing is a mistake
/// or an attack, and PDF viewers lose precision.
constexpr double kMaxSidePt = 100'000;
constexpr double kPointsPerInch = 72;
/// SVG's user unit, CSS's reference pixel: 96 per inch, so 0.75 pt.
constexpr double kSvgPixelsPerInch = 96;
/// The size of an SVG that gives neither a width and height nor a viewBox (HTML's default
/// size of a replaced element), in CSS pixels.
constexpr double kSvgDefaultWidthPx = 300;
constexpr double kSvgDefaultHeightPx = 150;

struct Size {
    double width = 0, height = 0;
};

struct GObjectFree {
    void operator()(RsvgHandle* h) const { g_object_unref(h); }
};
struct CairoSurfaceFree {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoFree {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
};

/// librsvg's message, without the trailing newline some have.
std::string message_of(GError* error) {
    std::string m = error && error->message ? error->message : "unknown error";
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    if (error) g_error_free(error);
    return m;
}

/// The drawing's size in CSS pixels: width and height in absolute units, else the viewBox,
/// else HTML's default size of a replaced element.
Size intrinsic_pixels(RsvgHandle* handle) {
    double w = 0, h = 0;
    if (rsvg_handle_get_intrinsic_size_in_pixels(handle, &w, &h) && w > 0 && h > 0) return {w, h};
    gboolean has_w = FALSE, has_h = FALSE, has_box = FALSE;
    RsvgLength lw, lh;
    RsvgRectangle box;
    rsvg_handle_get_intrinsic_dimensions(handle, &has_w, &lw, &has_h, &lh, &has_box, &box);
    if (has_box && box.width > 0 && box.height > 0) return {box.width, box.height};
    return {kSvgDefaultWidthPx, kSvgDefaultHeightPx};
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    auto* out = static_cast<std::vector<std::uint8_t>*>(closure);
    out->insert(out->end(), data, data + length);
    return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::string svg_to_pdf(std::string_view svg, std::vector<std::uint8_t>& pdf) {
    GError* error = nullptr;
    std::unique_ptr<RsvgHandle, GObjectFree> handle(rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(svg.data()), svg.size(), &error));
    if (!handle) return "is not a readable SVG drawing (" + message_of(error) + ")";
    rsvg_handle_set_dpi(handle.get(), kSvgPixelsPerInch);
    const Size px = intrinsic_pixels(handle.get());
    const Size pt{px.width * kPointsPerInch / kSvgPixelsPerInch, px.height * kPointsPerInch / kSvgPixelsPerInch};
    if (!(pt.width >= 0.01 && pt.height >= 0.01 && pt.width <= kMaxSidePt && pt.height <= kMaxSidePt))
        return "has a size galley cannot draw (" + std::to_string(pt.width) + " x " + std::to_string(pt.height) + " pt)";
    std::unique_ptr<cairo_surface_t, CairoSurfaceFree> surface(
        cairo_pdf_surface_create_for_stream(append, &pdf, pt.width, pt.height));
    {
        std::unique_ptr<cairo_t, CairoFree> cr(cairo_create(surface.get()));
        // The viewport is the page in points; librsvg maps the viewBox (or the pixel size) into
        // it. (A device scale would give masks more pixels, but shifts pattern tiles.)
        const RsvgRectangle viewport{0, 0, pt.width, pt.height};
        if (!rsvg_handle_render_document(handle.get(), cr.get(), &viewport, &error))
            return "is not a drawable SVG drawing (" + message_of(error) + ")";
    }
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        return std::string("could not be drawn (cairo: ") + cairo_status_to_string(cairo_surface_status(surface.get())) + ")";
    return {};
}

}  // namespace galley::picture::module
