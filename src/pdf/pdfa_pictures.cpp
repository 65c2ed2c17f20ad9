// PDF/A checks of pictures, by the text of their PDF objects (as picture/ copied them) and the
// bytes of their files.
#include "pdf/pdfa_pictures.h"

#include <libdeflate.h>

#include <algorithm>
#include <memory>
#include <string_view>

namespace galley::pdf {
namespace {

/// The object `o` refers to right after `key` (a dict key with its space: "/FontDescriptor "),
/// or null when the value there is no reference.
const frame::PdfObject* referred(const std::vector<frame::PdfObject>& objects, const frame::PdfObject& o,
                                 std::string_view key) {
    const std::size_t at = o.body.find(key);
    if (at == std::string::npos) return nullptr;
    for (const auto& [offset, index] : o.refs)
        if (offset == at + key.size() && index < objects.size()) return &objects[index];
    return nullptr;
}

/// The name after `key` ("/BaseFont "), without its slash; empty when there is none.
std::string name_after(const std::string& body, std::string_view key) {
    std::size_t at = body.find(key);
    if (at == std::string::npos || at + key.size() >= body.size() || body[at + key.size()] != '/') return {};
    at += key.size() + 1;
    const std::size_t end = body.find_first_of(" /[]<>()", at);
    return body.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

bool has(std::string_view text, std::string_view what) { return text.find(what) != std::string_view::npos; }

/// Whether a content stream paints with a CMYK operator (k, K): its tokens, outside strings,
/// comments and inline image data.
bool paints_cmyk(std::string_view content) {
    const auto delimiter = [](char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0' || c == '(' || c == ')' ||
               c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' || c == '/' || c == '%';
    };
    for (std::size_t i = 0; i < content.size();) {
        const char c = content[i];
        if (c == '(') {  // a literal string, with nested parentheses and escapes
            int depth = 0;
            for (; i < content.size(); ++i) {
                if (content[i] == '\\') ++i;
                else if (content[i] == '(') ++depth;
                else if (content[i] == ')' && --depth == 0) break;
            }
            ++i;
        } else if (c == '%') {
            i = content.find_first_of("\r\n", i);
        } else if (c == '<' && i + 1 < content.size() && content[i + 1] != '<') {
            i = content.find('>', i);
        } else if (!delimiter(c)) {
            const std::size_t start = i;
            while (i < content.size() && !delimiter(content[i])) ++i;
            const std::string_view token = content.substr(start, i - start);
            if ((token == "k" || token == "K") && (start == 0 || content[start - 1] != '/')) return true;
            if (token == "ID") i = content.find("EI", i);  // inline image data
        } else {
            ++i;
        }
        if (i == std::string_view::npos) break;
    }
    return false;
}

/// The most bytes a nested form's content is inflated to for the check (as picture/ caps a page's).
constexpr std::size_t kMaxInflated = 64u << 20;

/// A Flate stream's data inflated (zlib format, no predictor); nullopt when it does not inflate
/// within kMaxInflated.
std::optional<std::string> inflated(std::string_view data) {
    const std::unique_ptr<libdeflate_decompressor, void (*)(libdeflate_decompressor*)> d(
        libdeflate_alloc_decompressor(), libdeflate_free_decompressor);
    if (!d) return std::nullopt;
    for (std::size_t size = std::max<std::size_t>(data.size() * 4, 4096); size <= kMaxInflated; size *= 4) {
        std::string out(size, '\0');
        std::size_t got = 0;
        const libdeflate_result r = libdeflate_zlib_decompress(d.get(), data.data(), data.size(), out.data(), size, &got);
        if (r == LIBDEFLATE_SUCCESS) return out.substr(0, got);
        if (r != LIBDEFLATE_INSUFFICIENT_SPACE) return std::nullopt;
    }
    return std::nullopt;
}

/// The content of a form inside the picture (not the picture's own form, whose content
/// picture/ decoded): its data as the writer copies it, inflated when it is Flate alone.
std::optional<std::string> form_content(const frame::PdfObject& o) {
    if (!o.stream || !has(o.body, "/Subtype /Form ")) return std::nullopt;
    if (o.compress || !has(o.body, "/Filter ")) return o.data;
    if (has(o.body, "/Filter /FlateDecode ") && !has(o.body, "/DecodeParms")) return inflated(o.data);
    return std::nullopt;
}

/// A vector picture's problems: its fonts, colour spaces and forbidden features.
void vector_problems(const frame::ImageData& image, const PdfStandard& standard, std::vector<std::string>& out) {
    const auto add = [&](std::string why) {
        if (std::find(out.begin(), out.end(), why) == out.end()) out.push_back(std::move(why));
    };
    const std::vector<frame::PdfObject>& objects = image.objects;
    for (const frame::PdfObject& o : objects) {
        const std::string& b = o.body;
        if (has(b, "/Type /Font ")) {
            const std::string subtype = name_after(b, "/Subtype ");
            const std::string font = name_after(b, "/BaseFont ");
            const std::string named = font.empty() ? "a font" : "the font " + font;
            if (subtype != "Type3" && subtype != "Type0") {
                const frame::PdfObject* descriptor = referred(objects, o, "/FontDescriptor ");
                if (!descriptor || !has(descriptor->body, "/FontFile"))
                    add("uses " + named + ", which is not embedded (6.2.11.4.1)");
            }
            if (standard.archive == PdfStandard::Archive::A2u && subtype.rfind("CIDFontType", 0) != 0 &&
                !has(b, "/ToUnicode "))
                add("uses " + named + " without a ToUnicode map, so its text has no Unicode values (6.2.11.7.2)");
        }
        if (has(b, "/DeviceCMYK")) add("paints in DeviceCMYK, which the sRGB output intent does not define (6.2.4.3)");
        if (has(b, "/LZWDecode")) add("holds LZW-compressed data (6.1.7.2)");
        if (has(b, "/TR ") || (has(b, "/TR2 ") && !has(b, "/TR2 /Default")))
            add("sets a transfer function (6.2.5)");
        if (has(b, "/HTP ") || has(b, "/HTO ") || has(b, "/HalftoneName "))
            add("sets a halftone PDF/A does not allow (6.2.5)");
        if (has(b, "/OPI ") || has(b, "/Subtype /PS ") || has(b, "/Subtype2 /PS ") || has(b, "/Ref ") ||
            has(b, "/Alternates "))
            add("holds OPI, PostScript or reference XObjects or image alternates (6.2.8, 6.2.9)");
        if (has(b, "/OC ")) add("has optional content (6.9)");
        if (has(b, "/JavaScript") || has(b, "/JS ")) add("holds JavaScript (6.5.1)");
    }
    for (const frame::PdfObject& o : objects) {
        const std::optional<std::string> content = form_content(o);
        if (content && paints_cmyk(*content))
            add("paints in DeviceCMYK, which the sRGB output intent does not define (6.2.4.3)");
    }
}

}  // namespace

std::vector<std::string> pdfa_problems(const frame::ImageData& image, const PdfStandard& standard) {
    std::vector<std::string> out;
    if (!standard.archival()) return out;
    if (image.format == frame::ImageData::Format::Jpeg && image.components == 4)
        out.push_back("is a CMYK JPEG, which the sRGB output intent does not define (6.2.4.3)");
    if (image.format == frame::ImageData::Format::Pdf) vector_problems(image, standard, out);
    return out;
}

std::optional<frame::ImageData> without_interpolation(const frame::ImageData& image) {
    constexpr std::string_view kOn = "/Interpolate true";
    const auto marked = [&](const frame::PdfObject& o) { return has(o.body, kOn); };
    if (std::none_of(image.objects.begin(), image.objects.end(), marked)) return std::nullopt;
    frame::ImageData copy = image;
    for (frame::PdfObject& o : copy.objects)
        for (std::size_t at = o.body.find(kOn); at != std::string::npos; at = o.body.find(kOn, at))
            o.body.replace(at + kOn.size() - 4, 4, "null");
    return copy;
}

bool has_transparency(const frame::ImageData& image) {
    switch (image.format) {
        case frame::ImageData::Format::Jpeg: return false;
        case frame::ImageData::Format::Png: {
            // IHDR's colour type (PNG 11.2.2) at byte 25: 4 and 6 carry alpha; else a tRNS chunk
            // before the image data makes a colour transparent.
            const std::vector<std::uint8_t>& b = image.bytes;
            if (b.size() < 33) return false;
            if (b[25] == 4 || b[25] == 6) return true;
            for (std::size_t at = 8; at + 8 <= b.size();) {
                const std::size_t length = (std::size_t{b[at]} << 24) | (std::size_t{b[at + 1]} << 16) |
                                           (std::size_t{b[at + 2]} << 8) | b[at + 3];
                const std::string_view type(reinterpret_cast<const char*>(b.data() + at + 4), 4);
                if (type == "tRNS") return true;
                if (type == "IDAT" || length > b.size()) return false;
                at += 12 + length;
            }
            return false;
        }
        case frame::ImageData::Format::Pdf:
            return std::any_of(image.objects.begin(), image.objects.end(), [](const frame::PdfObject& o) {
                return has(o.body, "/SMask ") || has(o.body, "/S /Transparency") || has(o.body, "/CA ") ||
                       has(o.body, "/ca ") || has(o.body, "/BM ");
            });
    }
    return false;
}

}  // namespace galley::pdf
