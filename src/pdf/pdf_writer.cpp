// The PDF writer: walks frame pages in order and writes them with libharu (pages, MediaBox,
// link annotations, named destinations, outline, Info), content streams as raw operators and
// galley's own CID fonts (cid_font.h). DESIGN.md section 5 lists the libharu facts relied on.
#include "pdf/pdf_writer.h"

#include <hpdf.h>
#include <hpdf_encrypt.h>  // HPDF_MD5*, for the document /ID
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <numbers>
#include <optional>
#include <unordered_map>
#include <utility>

#include "base/utf8.h"
#include "pdf/cid_font.h"
#include "pdf/image_xobject.h"
#include "pdf/pdf_syntax.h"

namespace galley::pdf {

namespace {

constexpr std::string_view kRlm = "\u200F";  // RIGHT-TO-LEFT MARK
constexpr std::string_view kLrm = "\u200E";  // LEFT-TO-RIGHT MARK

/// Does `text` hold a character, other than a space, that extractors do not take for left to
/// right? They do for ASCII letters and digits and the letters of the left-to-right alphabets
/// and syllabaries of the Basic Multilingual Plane (Latin to Devanagari, CJK); not for
/// punctuation, symbols, variation selectors or anything above U+FFFF (emoji, flags).
bool holds_neutral(std::string_view text) {
    for (std::size_t pos = 0; pos < text.size();) {
        const char32_t c = utf8::decode(text, pos);
        const bool ltr = (c < 0x80 && std::isalnum(static_cast<int>(c))) || (c >= 0xC0 && c < 0x0590) ||
                         (c >= 0x0900 && c < 0x2000) || (c >= 0x3040 && c < 0xD800);
        if (!ltr && c != ' ') return true;
    }
    return false;
}

/// Does `text` hold a letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, NKo,
/// and their presentation forms)? Punctuation and digits of those blocks are not letters.
bool holds_rtl_letter(std::string_view text) {
    for (std::size_t pos = 0; pos < text.size();) {
        const char32_t c = utf8::decode(text, pos);
        if ((c >= 0x05D0 && c <= 0x05F2) || (c >= 0x0620 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D3) ||
            c == 0x06D5 || (c >= 0x06FA && c <= 0x06FF) || (c >= 0x0710 && c <= 0x074F) ||
            (c >= 0x0780 && c <= 0x07A5) || (c >= 0x07CA && c <= 0x07EA) || (c >= 0x0800 && c <= 0x08FF) ||
            (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFC))
            return true;
    }
    return false;
}

/// libharu reports errors through a callback and then refuses further work until reset
/// (errors are sticky); the first one is what explains a failure.
struct LibharuError {
    HPDF_STATUS code = HPDF_OK;
    HPDF_STATUS detail = 0;
};

void on_libharu_error(HPDF_STATUS code, HPDF_STATUS detail, void* user) {
    auto* e = static_cast<LibharuError*>(user);
    if (e->code == HPDF_OK) *e = {code, detail};
}

/// Names for the libharu errors this writer can plausibly meet (hpdf_error.h has them all).
const char* libharu_error_name(HPDF_STATUS code) {
    switch (code) {
        case HPDF_BINARY_LENGTH_ERR: return "binary string too long";
        case HPDF_FAILD_TO_ALLOC_MEM: return "out of memory";
        case HPDF_INVALID_DATE_TIME: return "invalid date";
        case HPDF_INVALID_DESTINATION: return "invalid destination";
        case HPDF_INVALID_DOCUMENT: return "invalid document (an earlier error)";
        case HPDF_INVALID_OBJECT: return "invalid object";
        case HPDF_INVALID_PARAMETER: return "invalid parameter";
        case HPDF_INVALID_URI: return "invalid URI";
        case HPDF_NAME_OUT_OF_RANGE: return "name longer than 127 bytes";
        case HPDF_PAGE_INVALID_SIZE: return "invalid page size";
        case HPDF_STRING_OUT_OF_RANGE: return "string too long";
        case HPDF_XREF_COUNT_ERR: return "too many objects";
        case HPDF_ZLIB_ERROR: return "zlib error";
        default: return "see hpdf_error.h";
    }
}

/// The start-up self-test: this writer reads libharu 2.3's internal structs (HPDF_Doc_Rec,
/// HPDF_PageAttr_Rec), so it refuses to run on another version or a layout that does not
/// match. Runs once per process; returns an error message, empty when all is well.
const std::string& self_test() {
    static const std::string result = []() -> std::string {
        const char* version = HPDF_GetVersion();
        if (!version || std::strncmp(version, "2.3.", 4) != 0)
            return std::string("libharu 2.3.x is required, found ") + (version ? version : "unknown");
        LibharuError error;
        HPDF_Doc doc = HPDF_New(on_libharu_error, &error);
        if (!doc) return "libharu cannot create a document";
        HPDF_Page page = HPDF_AddPage(doc);
        const auto* attr = page ? static_cast<HPDF_PageAttr>(page->attr) : nullptr;
        const bool ok = doc->sig_bytes == HPDF_SIG_BYTES && doc->mmgr && doc->xref && doc->catalog &&
                        doc->info && doc->trailer && attr && attr->stream && attr->xref == doc->xref &&
                        attr->contents && attr->contents->stream == attr->stream;
        HPDF_Free(doc);
        return ok ? std::string() : "libharu 2.3 internal struct layout is not as expected (self-test failed)";
    }();
    return result;
}

/// The key of a named destination. Names are kept as they are when libharu can write them as
/// a name object (1..127 bytes, since readers may limit names to 127 bytes, PDF 32000-1 Annex C;
/// nothing at or below space, which libharu does not escape). Others get a stable alias: a
/// readable prefix and a hash of the whole name.
std::string dest_key(std::string_view name) {
    const bool plain = !name.empty() && name.size() <= 127 &&
                       std::none_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) <= ' '; });
    if (plain) return std::string(name);
    std::string key;
    for (std::size_t i = 0; i < name.size() && key.size() < 100;) {
        const auto c = static_cast<unsigned char>(name[i]);
        const std::size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (key.size() + len > 100) break;
        if (c <= ' ') key += '_';
        else key.append(name.substr(i, len));
        i += len;
    }
    char hash[20];
    std::snprintf(hash, sizeof hash, "~%016llx", static_cast<unsigned long long>(fnv1a(name)));
    return key + hash;
}

/// Proleptic Gregorian date and time of a Unix time, UTC. A time before year 0 comes out in
/// year -1, one after 9999 in year 10000 (the caller writes only years 0..9999).
HPDF_Date utc_date(std::int64_t epoch) {
    using namespace std::chrono;
    // The clamp keeps the year within what std::chrono::year holds (±32767).
    constexpr std::int64_t kFirst = sys_seconds(sys_days(year{-1} / January / 1)).time_since_epoch().count();
    constexpr std::int64_t kLast = sys_seconds(sys_days(year{10001} / January / 1)).time_since_epoch().count() - 1;
    const sys_seconds time{seconds{std::clamp(epoch, kFirst, kLast)}};
    const sys_days day = floor<days>(time);
    const year_month_day date{day};
    const hh_mm_ss clock{time - day};
    HPDF_Date d{};
    d.year = static_cast<int>(date.year());
    d.month = static_cast<HPDF_INT>(static_cast<unsigned>(date.month()));
    d.day = static_cast<HPDF_INT>(static_cast<unsigned>(date.day()));
    d.hour = static_cast<HPDF_INT>(clock.hours().count());
    d.minutes = static_cast<HPDF_INT>(clock.minutes().count());
    d.seconds = static_cast<HPDF_INT>(clock.seconds().count());
    // '+' 00'00' rather than 'Z': 'Z' breaks the XMP dates of PDF/A (DESIGN.md section 5).
    d.ind = '+';
    return d;
}

/// Rounds half away from zero, inline (per glyph; std::lround is a library call), clamped
/// so that the conversion is defined.
long round_to_long(double v) {
    v = std::clamp(v, -1e9, 1e9);
    return static_cast<long>(v < 0 ? v - 0.5 : v + 0.5);
}

void put_color(std::string& out, const Color& c) {
    put_number(out, c.r);
    out += ' ';
    put_number(out, c.g);
    out += ' ';
    put_number(out, c.b);
}

void put_point(std::string& out, Point p) {
    put_number(out, p.x);
    out += ' ';
    put_number(out, p.y);
}

/// Flate for page content streams. libharu compresses streams at zlib's default level 6, which
/// made saving the slowest part of writing long documents; content streams (hex glyph ids and
/// small numbers) lose little at a lower level. One z_stream is reset per page instead of
/// allocating its ~270 KB state again.
class ContentDeflater {
public:
    static constexpr int kLevel = 1;
    ContentDeflater() { ok_ = deflateInit(&z_, kLevel) == Z_OK; }
    ~ContentDeflater() {
        if (ok_) deflateEnd(&z_);
    }
    ContentDeflater(const ContentDeflater&) = delete;
    ContentDeflater& operator=(const ContentDeflater&) = delete;

    /// Compresses `in` into `out` (zlib format, as /FlateDecode expects). False on failure.
    bool deflate_all(std::string_view in, std::string& out) {
        if (!ok_ || deflateReset(&z_) != Z_OK) return false;
        out.resize(deflateBound(&z_, static_cast<uLong>(in.size())));
        z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
        z_.avail_in = static_cast<uInt>(in.size());
        z_.next_out = reinterpret_cast<Bytef*>(out.data());
        z_.avail_out = static_cast<uInt>(out.size());
        if (deflate(&z_, Z_FINISH) != Z_STREAM_END) return false;
        out.resize(z_.total_out);
        return true;
    }

private:
    z_stream z_{};
    bool ok_ = false;
};

/// The /Filter entry of a content stream galley compressed itself (see ContentDeflater).
const std::string kFlateFilterEntry = "/Filter /FlateDecode\n";

/// Default page when a document has none (a PDF needs at least one page), and the fallback
/// for a page size that is not a number: ISO A4.
constexpr Size kA4{595.276, 841.89};

struct AnchorRef {
    std::size_t page;
    Point at;
};

class Writer {
public:
    Writer(const frame::Document& doc, DiagnosticSink& sink) : doc_(doc), sink_(sink) {}
    ~Writer() {
        fonts_.clear();
        if (pdf_) HPDF_Free(pdf_);
    }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    Bytes run();

    // Items of the current page, called through std::visit.
    void operator()(const frame::GlyphRun& run);
    void operator()(const frame::Box& box);
    void operator()(const frame::Line& line);
    void operator()(const frame::LinkArea& link);
    void operator()(const frame::Anchor&) {}  // collected before the pages: links may point forward
    void operator()(const frame::Image& image);

private:
    bool fail(const std::string& what);
    bool check(HPDF_STATUS status, const char* what) { return status == HPDF_OK || fail(what); }
    bool check(const void* object, const char* what) { return object != nullptr || fail(what); }
    bool failed() const { return !failure_.empty(); }
    void hash(std::string_view bytes) {
        HPDF_MD5Update(&md5_, reinterpret_cast<const HPDF_BYTE*>(bytes.data()), static_cast<HPDF_UINT32>(bytes.size()));
    }

    void collect_anchors();
    bool write_page(const frame::Page& page);
    bool write_dests();
    bool write_outline();
    bool write_info();
    bool finish_fonts();
    bool write_id();
    Bytes save();

    CidFont* font_for(const font::Face& face);
    HPDF_Image xobject_for(const frame::ImageData& image);
    HPDF_Array xyz_destination(const AnchorRef& anchor);
    void set_fill(const Color& c);
    void set_stroke(const Color& c, Pt width);

    // TJ array state: glyphs of a run are one hex string until an adjustment, a rise or a
    // marked-content boundary closes it.
    void tj_glyph(unsigned cid);
    void tj_adjust(long adjustment);
    void tj_close();
    void begin_actual_text(std::string_view text);

    const frame::Document& doc_;
    DiagnosticSink& sink_;
    LibharuError error_;
    std::string failure_;
    HPDF_Doc pdf_ = nullptr;
    HPDF_MD5_CTX md5_{};
    std::vector<HPDF_Page> pages_;

    std::unordered_map<std::string, AnchorRef> anchors_;
    std::vector<std::string> anchor_order_;  // first occurrences, document order
    std::string dests_entries_;              // raw entries of the catalog /Dests dict
    HPDF_Destination placeholder_dest_ = nullptr;

    std::vector<std::unique_ptr<CidFont>> fonts_;  // creation order = object order
    std::unordered_map<const font::Face*, CidFont*> font_by_face_;  // null: not embeddable
    const font::Face* last_face_ = nullptr;
    CidFont* last_font_ = nullptr;
    bool warned_run_ = false;
    /// Each picture is embedded once, however often it is drawn; null: could not be decoded.
    std::unordered_map<const frame::ImageData*, HPDF_Image> images_;

    // Current page.
    std::size_t page_index_ = 0;
    HPDF_Page page_ = nullptr;
    std::string content_;
    std::string compressed_;
    ContentDeflater deflater_;
    std::optional<Color> fill_;
    std::optional<Color> stroke_;
    std::optional<Pt> line_width_;
    bool tj_open_ = false;
    bool hex_open_ = false;
    std::vector<std::uint32_t> clusters_;
    std::string visual_;  // a right-to-left cluster's text in visual order
};

bool Writer::fail(const std::string& what) {
    if (failed()) return false;
    if (error_.code != HPDF_OK) {
        char code[64];
        std::snprintf(code, sizeof code, "libharu error 0x%04X", static_cast<unsigned>(error_.code));
        failure_ = std::string(code) + ": " + libharu_error_name(error_.code) + " (detail " +
                   std::to_string(error_.detail) + ") while " + what;
    } else {
        failure_ = what;
    }
    return false;
}

Bytes Writer::run() {
    if (const std::string& broken = self_test(); !broken.empty()) {
        sink_.error("pdf.write", {}, broken);
        return {};
    }
    HPDF_MD5Init(&md5_);
    content_.reserve(64 * 1024);
    pdf_ = HPDF_New(on_libharu_error, &error_);
    if (check(pdf_, "creating the document") &&
        check(HPDF_SetCompressionMode(pdf_, HPDF_COMP_ALL), "setting compression")) {
        collect_anchors();
        if (doc_.pages.empty()) {
            write_page(frame::Page{kA4, {}});
        } else {
            for (const frame::Page& page : doc_.pages)
                if (!write_page(page)) break;
        }
    }
    Bytes out;
    if (!failed() && write_dests() && write_outline() && write_info() && finish_fonts() && write_id())
        out = save();
    if (failed()) {
        sink_.error("pdf.write", {}, failure_);
        return {};
    }
    return out;
}

void Writer::collect_anchors() {
    for (std::size_t p = 0; p < doc_.pages.size(); ++p)
        for (const frame::Item& item : doc_.pages[p].items)
            if (const auto* a = std::get_if<frame::Anchor>(&item))
                if (anchors_.try_emplace(a->name, AnchorRef{p, a->at}).second) anchor_order_.push_back(a->name);
}

bool Writer::write_page(const frame::Page& page) {
    page_ = HPDF_AddPage(pdf_);
    if (!check(page_, "adding a page")) return false;
    page_index_ = pages_.size();
    pages_.push_back(page_);
    auto* attr = static_cast<HPDF_PageAttr>(page_->attr);
    if (!attr || !attr->stream || !attr->contents) return fail("adding a page: libharu page has no content stream");
    // The content stream is written once, already compressed (ContentDeflater): libharu must
    // neither compress it again nor write anything else into it (no HPDF_Page_* drawing calls).
    attr->contents->filter = HPDF_STREAM_FILTER_NONE;
    attach_raw_entries(attr->contents, &kFlateFilterEntry);

    // libharu accepts 3..14400 units (PDF 32000-1 Annex C); a size outside is a layout bug.
    const auto side = [&](Pt v, Pt a4) -> HPDF_REAL {
        if (std::isfinite(v) && v >= HPDF_MIN_PAGE_SIZE && v <= HPDF_MAX_PAGE_SIZE) return static_cast<HPDF_REAL>(v);
        sink_.warn("pdf.page_size", {}, "page " + std::to_string(page_index_ + 1) + " has an unusable size; clamped");
        return static_cast<HPDF_REAL>(std::isfinite(v) ? std::clamp<double>(v, HPDF_MIN_PAGE_SIZE, HPDF_MAX_PAGE_SIZE)
                                                       : a4);
    };
    if (!check(HPDF_Page_SetWidth(page_, side(page.size.width, kA4.width)), "setting the MediaBox") ||
        !check(HPDF_Page_SetHeight(page_, side(page.size.height, kA4.height)), "setting the MediaBox"))
        return false;

    content_.clear();
    fill_.reset();
    stroke_.reset();
    line_width_.reset();
    for (const frame::Item& item : page.items) {
        std::visit(*this, item);
        if (failed()) return false;
    }
    if (!deflater_.deflate_all(content_, compressed_)) return fail("compressing a content stream (zlib)");
    hash("page");
    hash(compressed_);
    // The whole page in one write.
    return check(HPDF_Stream_Write(attr->stream, reinterpret_cast<const HPDF_BYTE*>(compressed_.data()),
                                   static_cast<HPDF_UINT>(compressed_.size())),
                 "writing a content stream");
}

CidFont* Writer::font_for(const font::Face& face) {
    if (&face == last_face_) return last_font_;
    auto [it, inserted] = font_by_face_.try_emplace(&face, nullptr);
    if (inserted) {
        std::string why;
        if (auto font = CidFont::create(face, pdf_, why)) {
            it->second = font.get();
            fonts_.push_back(std::move(font));
        } else if (!why.empty()) {
            sink_.warn("pdf.font", {face.path(), 0, 0}, why);
        } else {
            fail("creating a font");
        }
    }
    last_face_ = &face;
    last_font_ = it->second;
    return last_font_;
}

HPDF_Image Writer::xobject_for(const frame::ImageData& image) {
    auto [it, inserted] = images_.try_emplace(&image, nullptr);
    if (!inserted) return it->second;
    std::string problem;
    it->second = make_image_xobject(pdf_, image, problem);
    if (it->second) {
        hash(std::string_view(reinterpret_cast<const char*>(image.bytes.data()), image.bytes.size()));
    } else if (!problem.empty()) {
        sink_.warn("image.decode", {image.name, 0, 0}, "image '" + image.name + "' cannot be decoded (" + problem +
                                                          "); an empty frame is drawn in its place");
    } else {
        fail("embedding the image '" + image.name + "'");
    }
    return it->second;
}

// Colours and the line width persist in the graphics state across items, so they are written
// only when they change. No item changes anything else that persists (the text rise is reset
// at the end of a run; an image's matrix is undone by Q), so the page needs no other q/Q.
void Writer::set_fill(const Color& c) {
    if (fill_ == c) return;
    fill_ = c;
    put_color(content_, c);
    content_ += " rg\n";
}

void Writer::set_stroke(const Color& c, Pt width) {
    if (stroke_ != c) {
        stroke_ = c;
        put_color(content_, c);
        content_ += " RG\n";
    }
    width = std::isfinite(width) ? std::max<Pt>(width, 0) : 0;
    if (line_width_ != width) {
        line_width_ = width;
        put_number(content_, width);
        content_ += " w\n";
    }
}

void Writer::tj_glyph(unsigned cid) {
    if (!tj_open_) {
        content_ += '[';
        tj_open_ = true;
    }
    if (!hex_open_) {
        content_ += '<';
        hex_open_ = true;
    }
    put_hex16(content_, cid);
}

void Writer::tj_adjust(long adjustment) {
    if (hex_open_) {
        content_ += '>';
        hex_open_ = false;
    } else if (!tj_open_) {
        content_ += '[';
        tj_open_ = true;
    } else {
        content_ += ' ';
    }
    put_int(content_, adjustment);
}

void Writer::tj_close() {
    if (hex_open_) content_ += '>';
    if (tj_open_) content_ += "] TJ\n";
    tj_open_ = hex_open_ = false;
}

void Writer::begin_actual_text(std::string_view text) {
    tj_close();
    content_ += "/Span <</ActualText <FEFF";
    put_utf16be_hex(content_, text);
    content_ += ">>> BDC\n";
}

void Writer::operator()(const frame::GlyphRun& run) {
    if (run.glyphs.empty()) return;
    if (!run.face || !(run.size > 0) || !std::isfinite(run.size)) {
        if (!std::exchange(warned_run_, true))
            sink_.warn("pdf.run", {}, "a glyph run without a font or with a size <= 0 was left out");
        return;
    }
    CidFont* font = font_for(*run.face);
    if (!font) return;
    const char* resource = HPDF_Page_GetLocalFontName(page_, font->dict());
    if (!check(resource, "adding a font to the page resources")) return;

    set_fill(run.color);
    content_ += "BT\n/";
    content_ += resource;
    content_ += ' ';
    put_number(content_, run.size);
    content_ += " Tf\n";
    if (run.angle != 0 && std::isfinite(run.angle)) {
        const double rad = run.angle * std::numbers::pi / 180;
        const double c = std::cos(rad);
        const double s = std::sin(rad);
        for (double v : {c, s, -s, c}) {
            put_number(content_, v, 6);
            content_ += ' ';
        }
        put_point(content_, run.origin);
        content_ += " Tm\n";
    } else {
        put_point(content_, run.origin);
        content_ += " Td\n";
    }

    // Clusters: in a left-to-right run they never decrease and a cluster's text ends where
    // the next cluster starts; in a right-to-left run they never increase and cluster ends
    // come from the sorted cluster values. A run whose clusters go both ways (nothing galley
    // sets) gets its whole text as /ActualText.
    const std::vector<frame::Glyph>& glyphs = run.glyphs;
    const std::size_t n = glyphs.size();
    const std::string_view text = run.text;
    const bool rtl = run.right_to_left;
    bool ordered = true;
    for (std::size_t i = 1; i < n && ordered; ++i)
        ordered = rtl ? glyphs[i].cluster <= glyphs[i - 1].cluster : glyphs[i].cluster >= glyphs[i - 1].cluster;
    const bool sorted_ends = rtl || !ordered;
    if (sorted_ends) {
        clusters_.clear();
        for (const frame::Glyph& g : glyphs) clusters_.push_back(g.cluster);
        std::sort(clusters_.begin(), clusters_.end());
        clusters_.erase(std::unique(clusters_.begin(), clusters_.end()), clusters_.end());
    }
    if (!ordered) begin_actual_text(text);

    // Positions: PDF moves the pen by the /W width of each glyph; a TJ adjustment before a glyph
    // moves it to where the frame put the glyph. `pdf_pen` (thousandths of the em) is where PDF
    // has the pen after the rounded widths and adjustments; `pen` (points) is the frame's pen.
    // Each adjustment is computed from both, so rounding never accumulates.
    const double per_point = 1000.0 / run.size;
    double pdf_pen = 0;
    double pen = 0;
    Pt rise = 0;
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i + 1;
        while (j < n && glyphs[j].cluster == glyphs[i].cluster) ++j;
        const std::size_t start = std::min<std::size_t>(glyphs[i].cluster, text.size());
        std::size_t end = text.size();
        if (!sorted_ends) {
            if (j < n) end = glyphs[j].cluster;
        } else if (auto next = std::upper_bound(clusters_.begin(), clusters_.end(), glyphs[i].cluster);
                   next != clusters_.end()) {
            end = *next;
        }
        end = std::clamp(end, start, text.size());
        std::string_view cluster_text = text.substr(start, end - start);
        // Extractors (poppler, pdf.js) take the text of each glyph as lying left to right
        // under it and then reorder right-to-left stretches of the line into reading order:
        // a right-to-left cluster of several characters (lam-alef, a letter with its vowel
        // mark) is therefore given in visual order, which their reordering turns back. They
        // judge direction by character and take full stops, commas and the spaces beside a
        // number for left to right, so such a neutral is wrapped in right-to-left marks to
        // stay inside its stretch: any that is not a space, and spaces at the run's ends
        // (where numbers and Latin words meet it). Spaces between letters stay plain, so
        // searching for a phrase still finds it.
        // Likewise a left-to-right cluster inside right-to-left text that holds a character
        // they count as neutral (an emoji, a flag, a keycap: all above U+FFFF or symbols) is
        // wrapped in left-to-right marks, or they would reverse it or split it.
        std::string_view mark;
        if (rtl && ordered) {
            cluster_text = visual_ = utf8::reversed(cluster_text);
            if (!holds_rtl_letter(cluster_text) &&
                (i == 0 || j == n || cluster_text.find_first_not_of(' ') != std::string_view::npos))
                mark = kRlm;
        } else if (ordered && run.inside_right_to_left && holds_neutral(cluster_text)) {
            mark = kLrm;
        }
        const bool extracts = font->map_cluster(std::span(glyphs).subspan(i, j - i), cluster_text);
        const bool span = ordered && (!extracts || !mark.empty());
        if (span)
            begin_actual_text(mark.empty() ? std::string(cluster_text)
                                           : std::string(mark).append(cluster_text).append(mark));

        for (; i < j; ++i) {
            const frame::Glyph& g = glyphs[i];
            const CidFont::Used used = font->use(g.gid);
            const Pt y = std::isfinite(g.y_offset) ? g.y_offset : 0;
            if (y != rise) {
                tj_close();
                put_number(content_, y);
                content_ += " Ts\n";
                rise = y;
            }
            const double target = (pen + (std::isfinite(g.x_offset) ? g.x_offset : 0)) * per_point;
            const long adjustment = std::isfinite(target) ? round_to_long(pdf_pen - target) : 0;
            if (adjustment != 0) {
                tj_adjust(adjustment);
                pdf_pen -= static_cast<double>(adjustment);
            }
            tj_glyph(used.cid);
            pdf_pen += used.width;
            if (std::isfinite(g.x_advance)) pen += g.x_advance;
        }
        if (span) {
            tj_close();
            content_ += "EMC\n";
        }
    }
    tj_close();
    if (!ordered) content_ += "EMC\n";
    // The rise is part of the graphics state and outlives ET.
    if (rise != 0) content_ += "0 Ts\n";
    content_ += "ET\n";
}

void Writer::operator()(const frame::Box& box) {
    if (!box.fill && !box.stroke) return;
    if (box.fill) set_fill(*box.fill);
    if (box.stroke) set_stroke(*box.stroke, box.line_width);
    put_point(content_, {box.rect.x, box.rect.y});
    content_ += ' ';
    put_point(content_, {box.rect.width, box.rect.height});
    content_ += box.fill && box.stroke ? " re B\n" : box.fill ? " re f\n" : " re S\n";
}

void Writer::operator()(const frame::Image& image) {
    const Rect& r = image.rect;
    if (!image.data || !(r.width > 0) || !(r.height > 0) || !std::isfinite(r.x + r.y + r.width + r.height)) return;
    HPDF_Image xobject = xobject_for(*image.data);
    if (failed()) return;
    if (!xobject) {
        // A picture that passed layout's checks but does not decode: mark its place.
        (*this)(frame::Box{r, std::nullopt, Color{0.6, 0.6, 0.6}, 0.5});
        (*this)(frame::Line{{r.x, r.y}, {r.x + r.width, r.y + r.height}, 0.5, Color{0.6, 0.6, 0.6}});
        return;
    }
    const char* name = HPDF_Page_GetXObjectName(page_, xobject);
    if (!check(name, "adding an image to the page resources")) return;
    // The image space is the unit square (8.9.4): scale it to the rect, then move it there.
    content_ += "q ";
    put_number(content_, r.width);
    content_ += " 0 0 ";
    put_number(content_, r.height);
    content_ += ' ';
    put_point(content_, {r.x, r.y});
    content_ += " cm /";
    content_ += name;
    content_ += " Do Q\n";
}

void Writer::operator()(const frame::Line& line) {
    set_stroke(line.color, line.width);
    put_point(content_, line.from);
    content_ += " m ";
    put_point(content_, line.to);
    content_ += " l S\n";
}

void Writer::operator()(const frame::LinkArea& link) {
    const HPDF_Rect rect{static_cast<HPDF_REAL>(link.rect.x), static_cast<HPDF_REAL>(link.rect.y),
                         static_cast<HPDF_REAL>(link.rect.x + link.rect.width),
                         static_cast<HPDF_REAL>(link.rect.y + link.rect.height)};
    HPDF_Annotation annot = nullptr;
    if (!link.uri.empty()) {
        if (link.uri.size() > HPDF_LIMIT_MAX_STRING_LEN) {
            sink_.warn("link.uri", {}, "a link URI longer than 65535 bytes was dropped");
            return;
        }
        annot = HPDF_Page_CreateURILinkAnnot(page_, rect, link.uri.c_str());
        if (!check(annot, "creating a URI link")) return;
        hash(link.uri);
    } else if (!link.dest.empty()) {
        if (!anchors_.contains(link.dest)) {
            sink_.warn("link.dest", {}, "link to '#" + link.dest + "' has no anchor in the document; no link made");
            return;
        }
        // libharu 2.3 makes a link annotation only with an explicit destination (an indirect
        // object); it is replaced by the name, which resolves through the catalog /Dests. One
        // placeholder serves every link, so it is the only unused object in the file.
        if (!placeholder_dest_) placeholder_dest_ = HPDF_Page_CreateDestination(page_);
        annot = placeholder_dest_ ? HPDF_Page_CreateLinkAnnot(page_, rect, placeholder_dest_) : nullptr;
        if (!check(annot, "creating a link") ||
            !check(HPDF_Dict_AddName(annot, "Dest", dest_key(link.dest).c_str()), "creating a link"))
            return;
        hash(link.dest);
    } else {
        return;
    }
    // Links are invisible: libharu draws a border unless told otherwise (/Border [0 0 0]).
    if (!check(HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0), "setting a link border")) return;
    std::string where;
    put_point(where, {link.rect.x, link.rect.y});
    where += ' ';
    put_point(where, {link.rect.width, link.rect.height});
    hash(where);
}

bool Writer::write_dests() {
    if (anchor_order_.empty()) return true;
    // One named destination per anchor (PDF 32000-1, 12.3.2.3): /name [page /XYZ left top null],
    // null zoom keeping the reader's zoom. Written raw: see attach_raw_entries.
    for (const std::string& name : anchor_order_) {
        const AnchorRef& a = anchors_.at(name);
        put_name(dests_entries_, dest_key(name));
        dests_entries_ += " [";
        put_int(dests_entries_, pages_[a.page]->header.obj_id & 0x00FFFFFF);
        dests_entries_ += " 0 R /XYZ ";
        put_number(dests_entries_, a.at.x);
        dests_entries_ += ' ';
        put_number(dests_entries_, a.at.y);
        dests_entries_ += " null]\n";
    }
    hash(dests_entries_);
    HPDF_Dict dests = HPDF_Dict_New(pdf_->mmgr);
    if (!check(dests, "creating the named destinations") ||
        !check(HPDF_Xref_Add(pdf_->xref, dests), "creating the named destinations") ||
        !check(HPDF_Dict_Add(pdf_->catalog, "Dests", dests), "creating the named destinations"))
        return false;
    attach_raw_entries(dests, &dests_entries_);
    return true;
}

HPDF_Array Writer::xyz_destination(const AnchorRef& anchor) {
    HPDF_Array a = HPDF_Array_New(pdf_->mmgr);
    if (!a) return nullptr;
    HPDF_STATUS st = HPDF_Array_Add(a, pages_[anchor.page]);
    st |= HPDF_Array_AddName(a, "XYZ");
    st |= HPDF_Array_AddReal(a, static_cast<HPDF_REAL>(anchor.at.x));
    st |= HPDF_Array_AddReal(a, static_cast<HPDF_REAL>(anchor.at.y));
    st |= HPDF_Array_Add(a, HPDF_Null_New(pdf_->mmgr));
    return st == HPDF_OK ? a : nullptr;
}

bool Writer::write_outline() {
    if (doc_.outline.empty()) return true;
    // An entry is the child of the nearest earlier entry with a lower level (1 -> 4 nests
    // the 4 under the 1). Top entries are open, so the reader shows two levels at first.
    struct Open {
        int level;
        HPDF_Outline item;
    };
    std::vector<Open> stack;
    const char* what = "building the outline";
    for (const frame::OutlineEntry& entry : doc_.outline) {
        while (!stack.empty() && stack.back().level >= entry.level) stack.pop_back();
        HPDF_Outline item = HPDF_CreateOutline(pdf_, stack.empty() ? nullptr : stack.back().item, "", nullptr);
        if (!check(item, what) || !check(HPDF_Dict_Add(item, "Title", new_text_string(pdf_->mmgr, entry.title)), what) ||
            !check(HPDF_Outline_SetOpened(item, stack.empty() ? HPDF_TRUE : HPDF_FALSE), what))
            return false;
        // libharu gives items /Type /Outlines, which belongs to the outline root only (12.3.3).
        HPDF_Dict_RemoveElement(item, "Type");
        if (auto a = anchors_.find(entry.dest); a != anchors_.end()) {
            if (!check(HPDF_Dict_Add(item, "Dest", xyz_destination(a->second)), what)) return false;
        } else {
            sink_.warn("outline.dest", {}, "bookmark '" + entry.title + "' has no anchor '" + entry.dest + "'");
        }
        hash(entry.title);
        hash(entry.dest);
        stack.push_back({entry.level, item});
    }
    return check(HPDF_SetPageMode(pdf_, HPDF_PAGE_MODE_USE_OUTLINE), what);
}

bool Writer::write_info() {
    const frame::Info& info = doc_.info;
    const char* what = "writing the document information";
    if (!check(pdf_->info, what)) return false;
    const std::pair<const char*, const std::string*> entries[] = {
        {"Title", &info.title},       {"Author", &info.author},   {"Subject", &info.subject},
        {"Keywords", &info.keywords}, {"Creator", &info.creator},
    };
    for (const auto& [key, value] : entries) {
        if (value->empty()) continue;
        if (!check(HPDF_Dict_Add(pdf_->info, key, new_text_string(pdf_->mmgr, *value)), what)) return false;
        hash(key);
        hash(*value);
    }
    if (info.creation_epoch) {
        const HPDF_Date date = utc_date(*info.creation_epoch);
        if (date.year < 0 || date.year > 9999) {
            sink_.warn("pdf.date", {}, "document date outside the years 0..9999 left out");
        } else if (!check(HPDF_SetInfoDateAttr(pdf_, HPDF_INFO_CREATION_DATE, date), what) ||
                   !check(HPDF_SetInfoDateAttr(pdf_, HPDF_INFO_MOD_DATE, date), what)) {
            return false;
        }
        hash(std::to_string(*info.creation_epoch));
    }
    if (!info.lang.empty()) {
        if (!check(HPDF_Dict_Add(pdf_->catalog, "Lang", new_text_string(pdf_->mmgr, info.lang)), what)) return false;
        hash(info.lang);
    }
    return true;
}

bool Writer::finish_fonts() {
    for (const auto& font : fonts_) {
        if (std::string error = font->finish(); !error.empty()) return fail(error);
        hash(font->base_font());
    }
    return true;
}

bool Writer::write_id() {
    // /ID (14.4): both halves the MD5 of what the pages show, so equal frames give equal bytes.
    HPDF_BYTE digest[16];
    HPDF_MD5Final(digest, &md5_);
    HPDF_Array id = HPDF_Array_New(pdf_->mmgr);
    const char* what = "writing the document /ID";
    if (!check(id, what) || !check(HPDF_Dict_Add(pdf_->trailer, "ID", id), what) ||
        !check(HPDF_Array_Add(id, HPDF_Binary_New(pdf_->mmgr, digest, 16)), what) ||
        !check(HPDF_Array_Add(id, HPDF_Binary_New(pdf_->mmgr, digest, 16)), what))
        return false;
    // /Lang, ActualText, Identity-H fonts and the rest need more than libharu's default 1.3.
    pdf_->pdf_version = HPDF_VER_17;
    return true;
}

Bytes Writer::save() {
    const char* what = "saving the document";
    if (!check(HPDF_SaveToStream(pdf_), what)) return {};
    const HPDF_UINT32 size = HPDF_GetStreamSize(pdf_);
    if (!check(HPDF_ResetStream(pdf_), what)) return {};
    Bytes out(size);
    HPDF_UINT32 done = 0;
    while (done < size) {
        HPDF_UINT32 chunk = size - done;
        const HPDF_STATUS st = HPDF_ReadFromStream(pdf_, out.data() + done, &chunk);
        done += chunk;
        if ((st != HPDF_OK && st != HPDF_STREAM_EOF) || chunk == 0) break;
    }
    if (done != size || size == 0) {
        fail(what);
        return {};
    }
    return out;
}

}  // namespace

Bytes write(const frame::Document& doc, DiagnosticSink& sink) {
    Writer writer(doc, sink);
    return writer.run();
}

}  // namespace galley::pdf
