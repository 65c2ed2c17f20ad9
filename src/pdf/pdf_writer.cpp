// The PDF writer: pages in order as they come (content streams as raw operators, resources,
// link annotations), then galley's own CID fonts (cid_font.h), named destinations, the
// outline, Info and the catalog, all through the object layer (object_writer.h).
#include "pdf/pdf_writer.h"


#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <numbers>
#include <optional>
#include <set>
#include <tuple>
#include <map>
#include <unordered_map>
#include <utility>

#include "base/utf8.h"
#include "pdf/cid_font.h"
#include "pdf/color_glyphs.h"
#include "pdf/image_xobject.h"
#include "pdf/metadata.h"
#include "pdf/pdfa_pictures.h"
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

/// The key of a named destination. Names are kept as they are when they are 1..127 bytes
/// (readers may limit names to 127 bytes, PDF 32000-1 Annex C) with nothing at or below space.
/// Others get a stable alias: a readable prefix and a hash of the whole name.
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

/// Default page when a document has none (a PDF needs at least one page), and the fallback
/// for a page size that is not a number: ISO A4.
constexpr Size kA4{595.276, 841.89};
/// The smallest page side readers accept, in points (PDF 32000-1 Annex C); the largest is
/// kMaxPageSide.
constexpr double kMinPageSide = 3;

/// Catalog and page tree root: reserved first, written last.
constexpr ObjRef kCatalog = 1;
constexpr ObjRef kPageTree = 2;

struct AnchorRef {
    ObjRef page;
    Point at;
};

/// Where the page being written lies on the PDF page (a sheet): a point of the page at p is at
/// p * scale + offset there. Links and destinations are written in the PDF page's space.
struct Placement {
    double scale = 1;
    Point offset;
    Point at(Point p) const { return {p.x * scale + offset.x, p.y * scale + offset.y}; }
};

}  // namespace

class Writer {
public:
    Writer(ByteSink out, const frame::Info& info, DiagnosticSink& sink);
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    bool write_page(const frame::Page& page);
    bool finish(const std::vector<frame::OutlineEntry>& outline, const frame::StructTree& structure);

    // Items of the current page, called through std::visit.
    void operator()(const frame::GlyphRun& run);
    void operator()(const frame::Box& box);
    void operator()(const frame::Line& line);
    void operator()(const frame::LinkArea& link);
    void operator()(const frame::Anchor& anchor);
    void operator()(const frame::Image& image);
    void operator()(const frame::ActualTextBegin& begin);
    void operator()(const frame::ActualTextEnd& end);

private:
    bool fail(const std::string& what);
    bool failed() const { return !failure_.empty(); }

    /// The content of `page`: the pages placed on it, each under its transform inside q/Q,
    /// then its own items. Tagging and text go through the items, so they follow a placement.
    bool write_content(const frame::Page& page);
    std::string page_dict(const frame::Page& page, ObjRef content) const;
    ObjRef write_dests();
    ObjRef write_outline(const std::vector<frame::OutlineEntry>& outline);
    ObjRef write_info();
    /// The XMP metadata stream (metadata.h), and for PDF/A the output intent; their objects.
    ObjRef write_metadata();
    ObjRef write_output_intent();
    bool write_catalog(ObjRef dests, ObjRef outlines, ObjRef structure, ObjRef metadata, ObjRef intent);
    /// Starts a new /PageLabels range at the current page when its number does not follow on.
    void label_page(frame::PageNumber number);
    bool finish_fonts();

    CidFont* font_for(const font::Face& face);
    ObjRef xobject_for(const std::shared_ptr<const frame::ImageData>& image);
    void set_fill(const Color& c);
    void set_stroke(const Color& c, Pt width);

    // TJ array state: glyphs of a run are one string (two bytes a glyph, put_code16) until an
    // adjustment, a rise or a marked-content boundary closes it.
    void tj_glyph(unsigned cid);
    void tj_adjust(long adjustment);
    void tj_close();
    void begin_actual_text(std::string_view text);
    std::pair<std::string_view, std::string_view> cluster_of(const frame::GlyphRun& run, std::size_t i, std::size_t j,
                                                             bool ordered, bool sorted_ends);
    /// The matrix that turns a run by its angle about its origin, as operands of `cm` or `Tm`.
    void put_turn(const frame::GlyphRun& run);
    /// Draws the glyphs of a run in a colour bitmap face as their pictures (the run's text
    /// is then written invisibly over them by the caller).
    void draw_color_glyphs(const frame::GlyphRun& run);

    // Tagged PDF: marked content around the page's items by their tags, and the
    // structure tree that refers to it.
    void mark(const frame::Tag& tag);
    void end_marked();
    void open_marked(const frame::Tag& tag, const std::string* actual_text);
    void close_run_marked();
    void mark_link(const frame::LinkArea& link, ObjRef annot, std::string& dict);
    ObjRef write_structure(const frame::StructTree& tree);

    ObjectWriter out_;
    const frame::Info info_;  // cleaned: Info and XMP give the same values (metadata.h)
    DiagnosticSink& sink_;
    std::string failure_;
    std::vector<ObjRef> pages_;
    /// /PageLabels /Nums: where each numbering starts (page index, figures, first number); empty
    /// while every page is numbered by its position.
    std::string page_labels_;
    frame::PageNumber last_number_;  // the page before's, with its value resolved

    std::unordered_map<std::string, AnchorRef> anchors_;
    std::vector<std::string> anchor_order_;  // first occurrences, document order
    /// Anchors links named before a page had them: reported at the end if none ever did.
    std::set<std::string> forward_links_;

    std::vector<std::unique_ptr<CidFont>> fonts_;  // creation order = object order = resource name
    std::unordered_map<const font::Face*, std::size_t> font_by_face_;  // index + 1; 0: not embeddable
    const font::Face* last_face_ = nullptr;
    std::size_t last_font_ = 0;
    bool warned_run_ = false;
    /// Each picture is embedded once, however often it is drawn: its object and resource number
    /// (0: could not be decoded). The map holds the picture, so its address stays its own.
    struct Embedded {
        ObjRef ref = 0;
        std::size_t number = 0;
        Rect space;  // what the XObject draws into: the unit square, or a form's box
        bool transparent = false;  // drawn with a soft mask, a transparency group or alpha
    };
    std::map<std::shared_ptr<const frame::ImageData>, Embedded> images_;
    ColorGlyphs color_glyphs_;

    // Current page: its content, the fonts and pictures it names, its link annotations.
    std::size_t page_index_ = 0;
    ObjRef page_ref_ = 0;
    Placement place_;  // of the page whose items are being written
    std::string content_;
    std::vector<std::size_t> page_fonts_;   // indices into fonts_
    std::vector<Embedded> page_images_;
    std::vector<ObjRef> annots_;
    bool page_transparent_ = false;  // the page draws a picture with transparency
    std::optional<Color> fill_;
    std::optional<Color> stroke_;
    std::optional<Pt> line_width_;
    bool tj_open_ = false;
    bool string_open_ = false;
    std::vector<std::uint32_t> clusters_;
    std::vector<Rect> notdef_boxes_;  // PDF/A: .notdef glyphs of the current run, drawn after it
    std::string visual_;  // a right-to-left cluster's text in visual order
    /// Depth of frame::ActualTextBegin stretches open on the page: the outermost is one
    /// marked-content sequence, and runs inside it write no /ActualText of their own (poppler
    /// keeps only the innermost, so a cluster's span would cut the line's text short).
    int actual_text_depth_ = 0;

    // Tagged PDF: what marked content is open between graphics objects (none, a content slot's
    // or an artifact's). A glyph run's marked content lies inside its BT/ET, so that a piece
    // with its own /ActualText is a sequence of its own (poppler ends a sequence's text at a
    // nested EMC): `run_tag_` while one is written. Inside an ActualText stretch, the first
    // run's sequence carries the stretch's text (`pending_actual_`), the later ones "".
    const bool tagged_;
    std::optional<frame::Tag> open_tag_;
    const frame::Tag* run_tag_ = nullptr;
    bool artifact_span_ = false;  // an artifact's /ActualText needs a /Span inside it
    std::optional<std::string> pending_actual_;
    std::optional<std::size_t> page_key_;  // the page's parent tree key, from its first MCID
    /// Where each content slot's marked content and annotations landed, in page order.
    struct Marked {
        std::uint32_t slot = 0;
        ObjRef page = 0;
        std::uint32_t mcid = 0;
        ObjRef annot = 0;  // an object reference (a link annotation) instead of marked content
    };
    std::vector<Marked> marked_;
    /// The parent tree (14.7.4.4) by key: a page's slots by MCID, or an annotation's slot.
    struct Parents {
        std::vector<std::uint32_t> slots;
        bool annotation = false;
    };
    std::vector<Parents> parents_;
};

Writer::Writer(ByteSink out, const frame::Info& info, DiagnosticSink& sink)
    : out_(std::move(out)), info_(clean_metadata(info)), sink_(sink), tagged_(info.tagged) {
    content_.reserve(64 * 1024);
    out_.reserve();  // kCatalog
    out_.reserve();  // kPageTree
}

bool Writer::fail(const std::string& what) {
    if (failed()) return false;
    failure_ = what;
    sink_.error("pdf.write", {}, what);
    return false;
}

bool Writer::write_page(const frame::Page& page) {
    if (failed()) return false;
    page_index_ = pages_.size();
    label_page(page.number);
    page_ref_ = out_.reserve();
    pages_.push_back(page_ref_);
    content_.clear();
    page_fonts_.clear();
    page_images_.clear();
    annots_.clear();
    page_transparent_ = false;
    fill_.reset();
    stroke_.reset();
    line_width_.reset();
    actual_text_depth_ = 0;
    page_key_.reset();
    place_ = {};
    if (!write_content(page)) return false;
    const ObjRef content = out_.reserve();
    if (!out_.flate_stream(content, "", content_, kContentLevel) || !out_.object(page_ref_, page_dict(page, content)))
        return fail(out_.failure());
    return true;
}

bool Writer::write_content(const frame::Page& page) {
    for (const frame::PlacedPage& placed : page.placed) {
        // The graphics state inside q/Q is the placed page's; after Q it is the sheet's again.
        const auto saved = std::tuple(fill_, stroke_, line_width_);
        const Placement outer = place_;
        place_ = {outer.scale * placed.scale, outer.at(placed.origin)};
        content_ += "q ";
        put_number(content_, placed.scale, 6);
        content_ += " 0 0 ";
        put_number(content_, placed.scale, 6);
        content_ += ' ';
        put_point(content_, placed.origin);
        content_ += " cm ";
        put_point(content_, {placed.clip.x, placed.clip.y});
        content_ += ' ';
        put_point(content_, {placed.clip.width, placed.clip.height});
        content_ += " re W n\n";
        const bool ok = write_content(placed.page);
        content_ += "Q\n";
        place_ = outer;
        std::tie(fill_, stroke_, line_width_) = saved;
        if (!ok) return false;
    }
    for (const frame::Item& item : page.items) {
        std::visit(*this, item);
        if (failed()) return false;
    }
    if (actual_text_depth_ > 0) (*this)(frame::ActualTextEnd{});  // marked content must close on its page
    actual_text_depth_ = 0;
    end_marked();  // a placed page's marked content closes inside its q/Q
    return true;
}

std::string Writer::page_dict(const frame::Page& page, ObjRef content) const {
    const auto side = [&](Pt v, Pt a4) -> double {
        if (std::isfinite(v) && v >= kMinPageSide && v <= kMaxPageSide) return v;
        sink_.warn("pdf.page_size", {}, "page " + std::to_string(page_index_ + 1) + " has an unusable size; clamped");
        return std::isfinite(v) ? std::clamp<double>(v, kMinPageSide, kMaxPageSide) : a4;
    };
    std::string d = "<</Type /Page /Parent ";
    put_ref(d, kPageTree);
    d += " /MediaBox [0 0 ";
    put_number(d, side(page.size.width, kA4.width));
    d += ' ';
    put_number(d, side(page.size.height, kA4.height));
    d += ']';
    const std::pair<const char*, const std::optional<Rect>*> boxes[] = {{" /TrimBox [", &page.trim_box},
                                                                        {" /BleedBox [", &page.bleed_box}};
    for (const auto& [name, box] : boxes) {
        if (!*box) continue;
        const Rect& r = **box;
        d += name;
        put_point(d, {r.x, r.y});
        d += ' ';
        put_point(d, {r.x + r.width, r.y + r.height});
        d += ']';
    }
    d += " /Resources <<";
    if (!page_fonts_.empty()) {
        d += "/Font <<";
        for (std::size_t f : page_fonts_) {
            d += "/F";
            put_int(d, static_cast<long long>(f + 1));
            d += ' ';
            put_ref(d, fonts_[f]->ref());
        }
        d += ">>";
    }
    if (!page_images_.empty()) {
        d += "/XObject <<";
        for (const Embedded& image : page_images_) {
            d += "/Im";
            put_int(d, static_cast<long long>(image.number));
            d += ' ';
            put_ref(d, image.ref);
        }
        d += ">>";
    }
    d += ">>";
    // A page that blends names the colour space it blends in (PDF 32000-1, 11.4.7), rather than
    // leaving it to the reader; PDF/A-2 needs it where there is no output intent (6.2.10).
    if (page_transparent_) d += " /Group <</Type /Group /S /Transparency /CS /DeviceRGB>>";
    d += " /Contents ";
    put_ref(d, content);
    if (page_key_) {
        d += " /StructParents ";
        put_int(d, static_cast<long long>(*page_key_));
    }
    if (tagged_ && !annots_.empty()) d += " /Tabs /S";  // tab order = structure order (PDF/UA)
    if (!annots_.empty()) {
        d += " /Annots [";
        for (std::size_t i = 0; i < annots_.size(); ++i) {
            if (i > 0) d += ' ';
            put_ref(d, annots_[i]);
        }
        d += ']';
    }
    d += ">>";
    return d;
}

CidFont* Writer::font_for(const font::Face& face) {
    if (&face != last_face_) {
        auto [it, inserted] = font_by_face_.try_emplace(&face, 0);
        if (inserted) {
            std::string why;
            if (auto font = CidFont::create(face, out_, why)) {
                fonts_.push_back(std::move(font));
                it->second = fonts_.size();
            } else {
                sink_.warn("pdf.font", {face.path(), 0, 0}, why);
            }
        }
        last_face_ = &face;
        last_font_ = it->second;
    }
    if (last_font_ == 0) return nullptr;
    if (std::find(page_fonts_.begin(), page_fonts_.end(), last_font_ - 1) == page_fonts_.end())
        page_fonts_.push_back(last_font_ - 1);
    return fonts_[last_font_ - 1].get();
}

ObjRef Writer::xobject_for(const std::shared_ptr<const frame::ImageData>& image) {
    auto [it, inserted] = images_.try_emplace(image, Embedded{});
    if (inserted) {
        if (std::vector<std::string> why = pdfa_problems(*image, info_.standard); !why.empty()) {
            std::string list;
            for (const std::string& w : why) list += (list.empty() ? "" : "; ") + w;
            sink_.error("pdfa.picture", {image->name, 0, 0},
                        "picture '" + image->name + "' cannot be part of a PDF/A-2 file: it " + list +
                            ". Convert it (sRGB colours, fonts embedded), or render without --pdf-standard a-2b/a-2u");
        }
        it->second.transparent = has_transparency(*image);
        std::string problem;
        const std::optional<frame::ImageData> repaired =
            info_.standard.archival() ? without_interpolation(*image) : std::nullopt;
        it->second.ref = write_image_xobject(out_, repaired ? *repaired : *image, it->second.space, problem);
        if (it->second.ref) {
            it->second.number = images_.size();
        } else if (!problem.empty()) {
            sink_.warn("image.decode", {image->name, 0, 0}, "image '" + image->name + "' cannot be decoded (" +
                                                              problem + "); an empty frame is drawn in its place");
        } else {
            fail(out_.failure());
        }
    }
    const Embedded& e = it->second;
    if (e.ref && std::none_of(page_images_.begin(), page_images_.end(), [&](const Embedded& p) { return p.ref == e.ref; }))
        page_images_.push_back(e);
    return it->second.ref;
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
    if (!string_open_) {
        content_ += '(';
        string_open_ = true;
    }
    put_code16(content_, cid);
}

void Writer::tj_adjust(long adjustment) {
    if (string_open_) {
        content_ += ')';
        string_open_ = false;
    } else if (!tj_open_) {
        content_ += '[';
        tj_open_ = true;
    } else {
        content_ += ' ';
    }
    put_int(content_, adjustment);
}

void Writer::tj_close() {
    if (string_open_) content_ += ')';
    if (tj_open_) content_ += "] TJ\n";
    tj_open_ = string_open_ = false;
}

void Writer::begin_actual_text(std::string_view text) {
    tj_close();
    if (run_tag_) {
        close_run_marked();
        const std::string actual(text);
        open_marked(*run_tag_, &actual);
        return;
    }
    content_ += "/Span <</ActualText <FEFF";
    put_utf16be_hex(content_, text);
    content_ += ">>> BDC\n";
}

/// The text of the cluster that glyphs [i, j) of `run` show, as extractors should read it, and
/// the direction mark to put around it (empty: none). `sorted_ends`: cluster ends come from
/// `clusters_` (a right-to-left run, or one whose clusters go both ways).
std::pair<std::string_view, std::string_view> Writer::cluster_of(const frame::GlyphRun& run, std::size_t i, std::size_t j,
                                                                 bool ordered, bool sorted_ends) {
    const std::vector<frame::Glyph>& glyphs = run.glyphs;
    const std::size_t n = glyphs.size();
    const std::string_view text = run.text;
    const bool rtl = run.right_to_left;
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
    return {cluster_text, mark};
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
    // Colour bitmap glyphs are pictures; their text is set over them in rendering mode 3
    // (invisible, 9.3.6), so it copies and searches as any text. Tagged, the pictures are
    // layout artifacts (frame::Tag's default): the run's text is the content.
    const bool pictures = run.face->color_bitmaps();
    if (pictures) draw_color_glyphs(run);
    if (tagged_) end_marked();
    set_fill(run.color);
    content_ += "BT\n/F";
    put_int(content_, static_cast<long long>(last_font_));
    content_ += ' ';
    put_number(content_, run.size);
    content_ += " Tf\n";
    if (pictures) content_ += "3 Tr\n";
    if (run.angle != 0 && std::isfinite(run.angle)) {
        put_turn(run);
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
    const bool own_text = actual_text_depth_ == 0;  // no stretch gives the text of this run
    if (tagged_) {
        run_tag_ = &run.tag;
        std::optional<std::string> stretch;
        if (!own_text) stretch = std::exchange(pending_actual_, std::string()).value_or("");
        open_marked(run.tag, stretch ? &*stretch : nullptr);
    }
    if (!ordered && own_text) begin_actual_text(text);

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
        const auto [cluster_text, mark] = cluster_of(run, i, j, ordered, sorted_ends);
        const bool extracts = font->map_cluster(std::span(glyphs).subspan(i, j - i), cluster_text);
        const bool span = own_text && ordered && (!extracts || !mark.empty());
        if (span)
            begin_actual_text(mark.empty() ? std::string(cluster_text)
                                           : std::string(mark).append(cluster_text).append(mark));

        for (; i < j; ++i) {
            const frame::Glyph& g = glyphs[i];
            const CidFont::Used used = font->use(g.gid);
            const Pt y = std::isfinite(g.y_offset) ? g.y_offset : 0;
            if (used.cid == 0 && info_.standard.archival()) {
                // PDF/A-2 shows no .notdef (6.2.11.8): the box that tells a character is
                // missing (font.glyph warned) is drawn as a path after the text instead.
                if (run.angle == 0 && std::isfinite(g.x_advance) && std::isfinite(g.x_offset))
                    notdef_boxes_.push_back({run.origin.x + pen + g.x_offset + run.size * 0.05, run.origin.y + y,
                                             g.x_advance - run.size * 0.1, run.size * 0.7});
                if (std::isfinite(g.x_advance)) pen += g.x_advance;
                continue;
            }
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
            if (run_tag_) {
                close_run_marked();
                open_marked(run.tag, nullptr);
            } else {
                content_ += "EMC\n";
            }
        }
    }
    tj_close();
    if (run_tag_)
        close_run_marked();
    else if (!ordered && own_text)
        content_ += "EMC\n";
    run_tag_ = nullptr;
    // The rise is part of the graphics state and outlives ET.
    if (rise != 0) content_ += "0 Ts\n";
    if (pictures) content_ += "0 Tr\n";  // so is the rendering mode
    content_ += "ET\n";
    for (const Rect& box : notdef_boxes_) (*this)(frame::Box{box, std::nullopt, run.color, run.size / 20});
    notdef_boxes_.clear();
}

void Writer::put_turn(const frame::GlyphRun& run) {
    const double rad = run.angle * std::numbers::pi / 180;
    const double c = std::cos(rad);
    const double s = std::sin(rad);
    for (double v : {c, s, -s, c}) {
        put_number(content_, v, 6);
        content_ += ' ';
    }
    put_point(content_, run.origin);
}

void Writer::draw_color_glyphs(const frame::GlyphRun& run) {
    // Pen positions as the text of the run has them (Glyph::x_advance, offsets); a turned run
    // draws in its own coordinates, the origin at 0,0.
    const bool turned = run.angle != 0 && std::isfinite(run.angle);
    if (turned) {
        content_ += "q ";
        put_turn(run);
        content_ += " cm\n";
    }
    const Point origin = turned ? Point{0, 0} : run.origin;
    const int upem = run.face->metrics().units_per_em;
    double pen = 0;
    for (const frame::Glyph& g : run.glyphs) {
        if (const ColorGlyphs::Bitmap* b = color_glyphs_.bitmap(*run.face, g.gid)) {
            const Point at{origin.x + pen + (std::isfinite(g.x_offset) ? g.x_offset : 0),
                           origin.y + (std::isfinite(g.y_offset) ? g.y_offset : 0)};
            const Pt advance = std::isfinite(g.x_advance) ? g.x_advance : 0;
            (*this)(frame::Image{bitmap_rect(at, run.size, advance, upem, b->extents), b->image});
            if (failed()) return;
        }
        if (std::isfinite(g.x_advance)) pen += g.x_advance;
    }
    if (turned) content_ += "Q\n";
}

void Writer::operator()(const frame::Box& box) {
    if (!box.fill && !box.stroke) return;
    mark(box.tag);
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
    const ObjRef xobject = xobject_for(image.data);
    if (failed()) return;
    if (!xobject) {
        // A picture that passed layout's checks but does not decode: mark its place.
        (*this)(frame::Box{r, std::nullopt, Color{0.6, 0.6, 0.6}, 0.5, image.tag});
        (*this)(frame::Line{{r.x, r.y}, {r.x + r.width, r.y + r.height}, 0.5, Color{0.6, 0.6, 0.6}, image.tag});
        return;
    }
    mark(image.tag);
    // An image draws into the unit square (8.9.4), a form into its box (8.10.1): scale that to
    // the rect, then move it there.
    const Embedded& e = images_.at(image.data);
    page_transparent_ = page_transparent_ || e.transparent;
    const double sx = r.width / e.space.width, sy = r.height / e.space.height;
    content_ += "q ";
    put_number(content_, sx, 6);
    content_ += " 0 0 ";
    put_number(content_, sy, 6);
    content_ += ' ';
    put_point(content_, {r.x - e.space.x * sx, r.y - e.space.y * sy});
    content_ += " cm /Im";
    put_int(content_, static_cast<long long>(e.number));
    content_ += " Do Q\n";
}

void Writer::operator()(const frame::ActualTextBegin& begin) {
    if (actual_text_depth_++ > 0) return;
    // Tagged, the stretch's text goes on its first run's marked content.
    if (tagged_)
        pending_actual_ = begin.text;
    else
        begin_actual_text(begin.text);
}

void Writer::operator()(const frame::ActualTextEnd&) {
    if (actual_text_depth_ == 0 || --actual_text_depth_ > 0) return;
    pending_actual_.reset();
    if (tagged_) return;
    tj_close();
    content_ += "EMC\n";
}

void Writer::operator()(const frame::Line& line) {
    mark(line.tag);
    set_stroke(line.color, line.width);
    put_point(content_, line.from);
    content_ += " m ";
    put_point(content_, line.to);
    content_ += " l S\n";
}

void Writer::operator()(const frame::Anchor& anchor) {
    if (anchors_.try_emplace(anchor.name, AnchorRef{page_ref_, place_.at(anchor.at)}).second)
        anchor_order_.push_back(anchor.name);
}

void Writer::operator()(const frame::LinkArea& link) {
    if (link.uri.empty() && link.dest.empty()) return;
    // A string's limit: 65535 bytes (PDF 32000-1, Annex C), 32767 in PDF/A-2 (6.1.13).
    const std::size_t max_uri = info_.standard.archival() ? 32767 : 65535;
    if (link.uri.size() > max_uri) {
        sink_.warn("link.uri", {}, "a link URI longer than " + std::to_string(max_uri) + " bytes was dropped");
        return;
    }
    // Invisible (/Border [0 0 0]); an internal link names its destination, which resolves
    // through the catalog's /Dests (12.3.2.3), so it may point to a page not written yet.
    std::string a = "<</Type /Annot /Subtype /Link /Rect [";
    const Point low = place_.at({link.rect.x, link.rect.y});
    const Point high = place_.at({link.rect.x + link.rect.width, link.rect.y + link.rect.height});
    for (double v : {low.x, low.y, high.x, high.y}) {
        put_number(a, v);
        a += ' ';
    }
    // /F 4: printed (PDF/A-2, 6.3.2, wants the flag; a link draws nothing anyway).
    a += "] /F 4 /Border [0 0 0] ";
    if (!link.uri.empty()) {
        a += "/A <</S /URI /URI ";
        put_literal_string(a, link.uri);
        a += ">>";
    } else {
        if (!anchors_.contains(link.dest)) forward_links_.insert(link.dest);
        a += "/Dest ";
        put_name(a, dest_key(link.dest));
    }
    const ObjRef ref = out_.reserve();
    mark_link(link, ref, a);
    a += ">>";
    if (!out_.object(ref, a)) {
        fail(out_.failure());
        return;
    }
    annots_.push_back(ref);
}

bool Writer::finish(const std::vector<frame::OutlineEntry>& outline, const frame::StructTree& structure) {
    if (failed()) return false;
    if (pages_.empty() && !write_page(frame::Page{kA4, {}})) return false;
    for (const std::string& name : forward_links_)
        if (!anchors_.contains(name))
            sink_.warn("link.dest", {}, "link to '#" + name + "' has no anchor in the document; the link leads nowhere");
    std::string kids = "<</Type /Pages /Kids [";
    for (std::size_t i = 0; i < pages_.size(); ++i) {
        if (i > 0) kids += ' ';
        put_ref(kids, pages_[i]);
    }
    kids += "] /Count ";
    put_int(kids, static_cast<long long>(pages_.size()));
    kids += ">>";
    if (!out_.object(kPageTree, kids)) return fail(out_.failure());
    const ObjRef outlines = write_outline(outline);
    const ObjRef dests = failed() ? 0 : write_dests();
    if (failed() || !finish_fonts()) return false;
    const ObjRef tree = tagged_ ? write_structure(structure) : 0;
    const ObjRef info = failed() ? 0 : write_info();
    const ObjRef metadata = failed() ? 0 : write_metadata();
    const ObjRef intent = failed() ? 0 : write_output_intent();
    if (failed() || !write_catalog(dests, outlines, tree, metadata, intent)) return false;
    if (!out_.finish(kCatalog, info)) return fail(out_.failure());
    return true;
}

ObjRef Writer::write_dests() {
    if (anchor_order_.empty()) return 0;
    // One named destination per anchor (PDF 32000-1, 12.3.2.3): /name [page /XYZ left top null],
    // null zoom keeping the reader's zoom.
    std::string d = "<<";
    for (const std::string& name : anchor_order_) {
        const AnchorRef& a = anchors_.at(name);
        put_name(d, dest_key(name));
        d += " [";
        put_ref(d, a.page);
        d += " /XYZ ";
        put_point(d, a.at);
        d += " null]\n";
    }
    d += ">>";
    const ObjRef ref = out_.reserve();
    if (!out_.object(ref, d)) fail(out_.failure());
    return ref;
}

ObjRef Writer::write_outline(const std::vector<frame::OutlineEntry>& outline) {
    if (outline.empty()) return 0;
    // An entry is the child of the nearest earlier entry with a lower level (1 -> 4 nests the
    // 4 under the 1). Top entries are open, so the reader shows two levels at first.
    struct Node {
        ObjRef ref = 0;
        std::size_t parent = 0;  // index + 1 into nodes; 0: the outline root
        std::vector<std::size_t> children;
    };
    std::vector<Node> nodes(outline.size());
    std::vector<std::size_t> top;
    std::vector<std::size_t> stack;
    const ObjRef root = out_.reserve();
    for (std::size_t i = 0; i < outline.size(); ++i) {
        while (!stack.empty() && outline[stack.back()].level >= outline[i].level) stack.pop_back();
        nodes[i].ref = out_.reserve();
        nodes[i].parent = stack.empty() ? 0 : stack.back() + 1;
        (stack.empty() ? top : nodes[stack.back()].children).push_back(i);
        stack.push_back(i);
    }
    // /First, /Last and /Count (12.3.3): an open entry counts its visible descendants (its
    // children, which are closed); a closed one the negated number of its children.
    const auto links = [&](std::string& d, const std::vector<std::size_t>& kids) {
        if (kids.empty()) return;
        d += " /First ";
        put_ref(d, nodes[kids.front()].ref);
        d += " /Last ";
        put_ref(d, nodes[kids.back()].ref);
    };
    for (std::size_t i = 0; i < outline.size(); ++i) {
        const Node& n = nodes[i];
        const std::vector<std::size_t>& siblings = n.parent == 0 ? top : nodes[n.parent - 1].children;
        const auto at = std::find(siblings.begin(), siblings.end(), i) - siblings.begin();
        std::string d = "<</Title ";
        put_text_string(d, outline[i].title);
        d += " /Parent ";
        put_ref(d, n.parent == 0 ? root : nodes[n.parent - 1].ref);
        if (at > 0) {
            d += " /Prev ";
            put_ref(d, nodes[siblings[at - 1]].ref);
        }
        if (static_cast<std::size_t>(at) + 1 < siblings.size()) {
            d += " /Next ";
            put_ref(d, nodes[siblings[at + 1]].ref);
        }
        links(d, n.children);
        if (!n.children.empty()) {
            d += " /Count ";
            put_int(d, (n.parent == 0 ? 1 : -1) * static_cast<long long>(n.children.size()));
        }
        if (auto a = anchors_.find(outline[i].dest); a != anchors_.end()) {
            d += " /Dest [";
            put_ref(d, a->second.page);
            d += " /XYZ ";
            put_point(d, a->second.at);
            d += " null]";
        } else {
            sink_.warn("outline.dest", {}, "bookmark '" + outline[i].title + "' has no anchor '" + outline[i].dest + "'");
        }
        d += ">>";
        if (!out_.object(n.ref, d)) return fail(out_.failure()), 0;
    }
    std::size_t visible = top.size();
    for (std::size_t t : top) visible += nodes[t].children.size();
    std::string d = "<</Type /Outlines";
    links(d, top);
    d += " /Count ";
    put_int(d, static_cast<long long>(visible));
    d += ">>";
    if (!out_.object(root, d)) fail(out_.failure());
    return root;
}

ObjRef Writer::write_info() {
    const frame::Info& info = info_;
    std::string d = "<<";
    const std::pair<const char*, const std::string*> entries[] = {
        {"Title", &info.title},       {"Author", &info.author},   {"Subject", &info.subject},
        {"Keywords", &info.keywords}, {"Creator", &info.creator},
    };
    for (const auto& [key, value] : entries) {
        if (value->empty()) continue;
        d += '/';
        d += key;
        d += ' ';
        put_text_string(d, *value);
        d += '\n';
    }
    d += "/Producer ";
    put_text_string(d, info.creator);
    if (info.creation_epoch) {
        const std::string date = pdf_date(*info.creation_epoch);
        if (date.empty()) {
            sink_.warn("pdf.date", {}, "document date outside the years 0..9999 left out");
        } else {
            d += "\n/CreationDate (" + date + ")\n/ModDate (" + date + ")";
        }
    }
    d += ">>";
    const ObjRef ref = out_.reserve();
    if (!out_.object(ref, d)) fail(out_.failure());
    return ref;
}

ObjRef Writer::write_metadata() {
    // Uncompressed, as PDF/A wants it (ISO 19005-2, 6.6.2.1) and so that tools that do not read
    // PDF find it by scanning the file.
    const ObjRef ref = out_.reserve();
    if (!out_.stream(ref, "/Type /Metadata /Subtype /XML", xmp_packet(info_))) fail(out_.failure());
    return ref;
}

ObjRef Writer::write_output_intent() {
    if (!info_.standard.archival()) return 0;
    // ISO 19005-2, 6.2.2: /S /GTS_PDFA1 with the ICC profile of the colours the pages use:
    // galley paints in DeviceRGB (and DeviceGray), which the sRGB profile then defines.
    const ObjRef profile = out_.reserve();
    const std::string_view bytes(reinterpret_cast<const char*>(info_.output_profile.data()), info_.output_profile.size());
    if (!out_.flate_stream(profile, "/N 3", bytes)) return fail(out_.failure()), 0;
    std::string d = "<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) "
                    "/RegistryName (http://www.color.org) /Info (sRGB IEC61966-2.1) /DestOutputProfile ";
    put_ref(d, profile);
    d += ">>";
    const ObjRef ref = out_.reserve();
    if (!out_.object(ref, d)) fail(out_.failure());
    return ref;
}

void Writer::label_page(frame::PageNumber number) {
    if (number.value == 0) number = {frame::PageNumber::Figures::Arabic, static_cast<int>(page_index_) + 1};
    const bool continues = page_index_ > 0 && number.figures == last_number_.figures &&
                           number.value == last_number_.value + 1;
    const bool positional = number.figures == frame::PageNumber::Figures::Arabic &&
                            number.value == static_cast<int>(page_index_) + 1;
    last_number_ = number;
    // A document numbered 1, 2, 3, ... needs no labels (PDF 32000-1, 12.4.2).
    if (continues || (positional && page_labels_.empty())) return;
    if (page_labels_.empty() && page_index_ > 0) page_labels_ = "0 <</S /D>> ";
    put_int(page_labels_, static_cast<long long>(page_index_));
    page_labels_ += number.figures == frame::PageNumber::Figures::LowerRoman ? " <</S /r" : " <</S /D";
    if (number.value != 1) {
        page_labels_ += " /St ";
        put_int(page_labels_, number.value);
    }
    page_labels_ += ">> ";
}

bool Writer::write_catalog(ObjRef dests, ObjRef outlines, ObjRef structure, ObjRef metadata, ObjRef intent) {
    std::string d = "<</Type /Catalog /Pages ";
    put_ref(d, kPageTree);
    d += " /Metadata ";
    put_ref(d, metadata);
    if (intent) {
        d += " /OutputIntents [";
        put_ref(d, intent);
        d += ']';
    }
    // The window shows the title, not the file name (PDF/UA-1, 7.1; Matterhorn 07-001).
    if (!info_.title.empty() || structure) d += " /ViewerPreferences <</DisplayDocTitle true>>";
    if (!page_labels_.empty()) {
        d += " /PageLabels <</Nums [";
        d += page_labels_;
        d += "]>>";
    }
    if (dests) {
        d += " /Dests ";
        put_ref(d, dests);
    }
    if (outlines) {
        d += " /Outlines ";
        put_ref(d, outlines);
        d += " /PageMode /UseOutlines";
    }
    if (!info_.lang.empty()) {
        d += " /Lang ";
        put_text_string(d, info_.lang);
    }
    if (structure) {
        d += " /StructTreeRoot ";
        put_ref(d, structure);
        d += " /MarkInfo <</Marked true>>";
    }
    d += ">>";
    return out_.object(kCatalog, d) || fail(out_.failure());
}

void Writer::end_marked() {
    if (!open_tag_) return;
    tj_close();
    content_ += "EMC\n";
    open_tag_.reset();
}

void Writer::mark(const frame::Tag& tag) {
    if (!tagged_ || (open_tag_ && *open_tag_ == tag)) return;
    end_marked();
    open_tag_ = tag;
    open_marked(tag, nullptr);
}

void Writer::close_run_marked() {
    content_ += std::exchange(artifact_span_, false) ? "EMC\nEMC\n" : "EMC\n";
}

void Writer::open_marked(const frame::Tag& tag, const std::string* actual_text) {
    if (tag.content == 0) {
        // 14.8.2.2: running heads and folios are pagination artifacts, with their subtype.
        static constexpr std::string_view kArtifacts[] = {
            "/Artifact <</Type /Layout>> BDC\n",
            "/Artifact <</Type /Pagination /Subtype /Header>> BDC\n",
            "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n",
            "/Artifact <</Type /Pagination /Subtype /Watermark>> BDC\n",
        };
        content_ += kArtifacts[static_cast<std::size_t>(tag.artifact)];
        if (actual_text) {
            content_ += "/Span <</ActualText <FEFF";
            put_utf16be_hex(content_, *actual_text);
            content_ += ">>> BDC\n";
            artifact_span_ = true;
        }
        return;
    }
    if (!page_key_) {
        page_key_ = parents_.size();
        parents_.emplace_back();
    }
    std::vector<std::uint32_t>& mcids = parents_[*page_key_].slots;
    const auto mcid = static_cast<std::uint32_t>(mcids.size());
    mcids.push_back(tag.content);
    marked_.push_back({tag.content, page_ref_, mcid, 0});
    // poppler reads /ActualText only on a /Span sequence.
    content_ += '/';
    content_ += actual_text ? std::string_view("Span") : frame::type_name(tag.type);
    content_ += " <</MCID ";
    put_int(content_, mcid);
    if (actual_text) {
        content_ += " /ActualText <FEFF";
        put_utf16be_hex(content_, *actual_text);
        content_ += '>';
    }
    content_ += ">> BDC\n";
}

void Writer::mark_link(const frame::LinkArea& link, ObjRef annot, std::string& dict) {
    if (!tagged_) return;
    // PDF/UA: a link annotation says what it does (/Contents) and belongs to its Link element
    // through /StructParent (14.7.4.4), also when the link is tagged as an artifact.
    dict += " /Contents ";
    put_text_string(dict, !link.contents.empty() ? link.contents : !link.uri.empty() ? link.uri : link.dest);
    if (link.tag.content == 0) return;
    dict += " /StructParent ";
    put_int(dict, static_cast<long long>(parents_.size()));
    parents_.push_back({{link.tag.content}, true});
    marked_.push_back({link.tag.content, page_ref_, 0, annot});
}

namespace {

/// The /A attributes of an element (14.8.5): a header cell's scope, a list's numbering.
void put_attributes(std::string& d, const frame::StructElement& e) {
    using E = frame::StructElement;
    if (e.scope != E::Scope::None) {
        static constexpr std::string_view kScopes[] = {"", "/Row", "/Column", "/Both"};
        d += " /A <</O /Table /Scope ";
        d += kScopes[static_cast<std::size_t>(e.scope)];
        d += ">>";
    }
    if (e.numbering != E::Numbering::None) {
        d += " /A <</O /List /ListNumbering ";
        d += e.numbering == E::Numbering::Decimal ? "/Decimal>>" : "/Disc>>";
    }
    const std::pair<const char*, const std::string*> texts[] = {
        {" /Alt ", &e.alt}, {" /ActualText ", &e.actual_text}, {" /Lang ", &e.lang}};
    for (const auto& [key, value] : texts) {
        if (value->empty()) continue;
        d += key;
        put_text_string(d, *value);
    }
    if (!e.id.empty()) {
        d += " /ID ";
        put_literal_string(d, e.id);
    }
}

}  // namespace

// The structure tree (14.7.2): every element with content below it, its kids in source order
// (marked content by MCID, link annotations by OBJR), the parent tree from each page's MCIDs
// and each annotation back to its element, and the ID tree of the notes.
ObjRef Writer::write_structure(const frame::StructTree& tree) {
    const std::size_t n = tree.size();
    // Tags from another tree cannot be placed (a caller's mistake, not the document's).
    std::erase_if(marked_, [&](const Marked& m) { return m.slot > tree.slots(); });
    for (Parents& p : parents_)
        for (std::uint32_t& slot : p.slots)
            if (slot > tree.slots()) slot = 0;
    std::stable_sort(marked_.begin(), marked_.end(), [](const Marked& a, const Marked& b) { return a.slot < b.slot; });
    std::vector<std::size_t> first(tree.slots() + 2, marked_.size());  // by slot: its first mark
    for (std::size_t i = marked_.size(); i-- > 0;) first[marked_[i].slot] = i;
    for (std::size_t slot = tree.slots(); slot-- > 0;) first[slot] = std::min(first[slot], first[slot + 1]);
    // An element nothing of which was drawn (an empty paragraph, a cell measured but not set)
    // is left out; a kid's id is always above its parent's.
    std::vector<ObjRef> ref(n + 1, 0);
    std::vector<char> kept(n + 1, 0);
    for (std::size_t id = n; id >= 1; --id) {
        const frame::StructElement& e = tree.at(static_cast<std::uint32_t>(id));
        for (const frame::StructKid& kid : e.kids)
            if (kid.element ? kept[kid.index] : first[kid.index] < first[kid.index + 1]) kept[id] = 1;
        // A row keeps its empty cells, so that its cells stay in their columns.
        if (e.type == frame::StructType::TR && kept[id])
            for (const frame::StructKid& kid : e.kids) kept[kid.index] = kid.element ? 1 : kept[kid.index];
    }
    kept[frame::StructTree::kDocument] = 1;
    for (std::size_t id = 1; id <= n; ++id)
        if (kept[id]) ref[id] = out_.reserve();
    const ObjRef root = out_.reserve();
    std::vector<std::pair<std::string, ObjRef>> ids;
    for (std::size_t id = 1; id <= n && !failed(); ++id) {
        if (!kept[id]) continue;
        const frame::StructElement& e = tree.at(static_cast<std::uint32_t>(id));
        std::string d = "<</Type /StructElem /S /";
        d += frame::type_name(e.type);
        d += " /P ";
        put_ref(d, e.parent ? ref[e.parent] : root);
        // /Pg: the page of the first marked content; MCRs on it are bare MCIDs.
        ObjRef pg = 0;
        for (const frame::StructKid& kid : e.kids)
            if (!kid.element && first[kid.index] < first[kid.index + 1]) {
                pg = marked_[first[kid.index]].page;
                break;
            }
        if (pg) {
            d += " /Pg ";
            put_ref(d, pg);
        }
        d += " /K [";
        for (const frame::StructKid& kid : e.kids) {
            if (kid.element) {
                if (kept[kid.index]) put_ref(d, ref[kid.index]), d += ' ';
                continue;
            }
            for (std::size_t m = first[kid.index]; m < first[kid.index + 1]; ++m) {
                const Marked& mk = marked_[m];
                if (mk.annot) {
                    d += "<</Type /OBJR /Obj ";
                    put_ref(d, mk.annot);
                    d += " /Pg ";
                    put_ref(d, mk.page);
                    d += ">> ";
                } else if (mk.page == pg) {
                    put_int(d, mk.mcid), d += ' ';
                } else {
                    d += "<</Type /MCR /Pg ";
                    put_ref(d, mk.page);
                    d += " /MCID ";
                    put_int(d, mk.mcid);
                    d += ">> ";
                }
            }
        }
        d += ']';
        put_attributes(d, e);
        d += ">>";
        if (!e.id.empty()) ids.emplace_back(e.id, ref[id]);
        if (!out_.object(ref[id], d)) return fail(out_.failure()), 0;
    }
    // The parent tree: one number tree node holding every key (14.7.4.4).
    std::string p = "<</Nums [";
    for (std::size_t key = 0; key < parents_.size(); ++key) {
        put_int(p, static_cast<long long>(key));
        const auto element = [&](std::uint32_t slot) { return ref[slot ? tree.element_of({slot}) : 1]; };
        if (parents_[key].annotation) {
            p += ' ';
            put_ref(p, element(parents_[key].slots.front()));
            p += '\n';
            continue;
        }
        p += " [";
        for (std::uint32_t slot : parents_[key].slots) put_ref(p, element(slot)), p += ' ';
        p += "]\n";
    }
    p += "]>>";
    const ObjRef parent_tree = out_.reserve();
    if (!out_.object(parent_tree, p)) return fail(out_.failure()), 0;
    std::string d = "<</Type /StructTreeRoot /K ";
    put_ref(d, ref[frame::StructTree::kDocument]);
    d += " /ParentTree ";
    put_ref(d, parent_tree);
    d += " /ParentTreeNextKey ";
    put_int(d, static_cast<long long>(parents_.size()));
    // Title is PDF 2.0's; PDF 1.7 readers take it for a first-level heading.
    d += " /RoleMap <</Title /H1>>";
    if (!ids.empty()) {
        std::sort(ids.begin(), ids.end());
        d += " /IDTree <</Names [";
        for (const auto& [id, r] : ids) {
            put_literal_string(d, id);
            d += ' ';
            put_ref(d, r);
            d += ' ';
        }
        d += "]>>";
    }
    d += ">>";
    if (!out_.object(root, d)) return fail(out_.failure()), 0;
    return root;
}

bool Writer::finish_fonts() {
    for (const auto& font : fonts_) {
        if (std::string error = font->finish(out_, info_.standard.archive == PdfStandard::Archive::A2u);
            !error.empty())
            return fail(error);
    }
    return true;
}

DocumentWriter::DocumentWriter(ByteSink out, const frame::Info& info, DiagnosticSink& diagnostics)
    : writer_(std::make_unique<Writer>(std::move(out), info, diagnostics)) {}

DocumentWriter::~DocumentWriter() = default;

bool DocumentWriter::add_page(const frame::Page& page) { return writer_->write_page(page); }

bool DocumentWriter::finish(const std::vector<frame::OutlineEntry>& outline, const frame::StructTree& structure) {
    return writer_->finish(outline, structure);
}

Bytes write(const frame::Document& doc, DiagnosticSink& sink) {
    Bytes bytes;
    DocumentWriter writer(
        [&](std::string_view chunk) {
            bytes.insert(bytes.end(), chunk.begin(), chunk.end());
            return true;
        },
        doc.info, sink);
    for (const frame::Page& page : doc.pages)
        if (!writer.add_page(page)) return {};
    // A picture PDF/A refuses is an error the writer goes on past, to report every one.
    if (!writer.finish(doc.outline, doc.structure) || sink.has_errors()) return {};
    return bytes;
}

}  // namespace galley::pdf
