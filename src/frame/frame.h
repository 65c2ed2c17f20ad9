// The output contract between layout and the writers: pages of positioned items, the outline
// and the document information. A writer walks these and knows nothing of Markdown or style
// (compare Typst's Frame and SILE's outputter calls).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "base/geometry.h"
#include "font/font.h"
#include "frame/structure.h"

namespace galley::frame {

/// One positioned glyph of a run. `x_advance` is where the next glyph starts, relative to this
/// one, in points: it already holds kerning and any justification stretch, so a writer must
/// reproduce it exactly (PDF: TJ adjustments against the /W widths). `cluster` is the byte
/// offset in GlyphRun::text where the glyph's cluster starts (HarfBuzz cluster values).
struct Glyph {
    std::uint32_t gid = 0;
    // Single precision (1e-5 pt at page scale) keeps a glyph at 20 bytes: a 1000-page report
    // holds millions of them.
    float x_advance = 0;
    float x_offset = 0;
    float y_offset = 0;
    std::uint32_t cluster = 0;
};

/// Glyphs of one face at one size and colour, drawn from `origin` (the baseline start) left to
/// right in visual order. `text` is the source text of the run in logical order; glyph
/// clusters index into it. Together they give the writer ToUnicode and ActualText.
/// `right_to_left` says the glyphs were shaped right to left (an odd bidi level): their
/// clusters then never increase from one glyph to the next.
struct GlyphRun {
    const font::Face* face = nullptr;
    Pt size = 10;
    Color color;
    Point origin;
    std::vector<Glyph> glyphs;
    std::string text;
    bool right_to_left = false;
    /// A left-to-right run set inside right-to-left text (bidi level 2 or more: a number, a
    /// Latin word, an emoji flag in a Hebrew sentence).
    bool inside_right_to_left = false;
    /// Rotation of the baseline in degrees, counter-clockwise about `origin` (watermarks).
    double angle = 0;
    Tag tag;  // the structure it belongs to (tagged PDF)
};

/// A filled and/or stroked rectangle (backgrounds, rules, task boxes).
struct Box {
    Rect rect;
    std::optional<Color> fill;
    std::optional<Color> stroke;
    Pt line_width = 0.5;
    Tag tag;  // an artifact unless it shows content (a task box)
};

/// A straight line segment.
struct Line {
    Point from;
    Point to;
    Pt width = 0.5;
    Color color;
    Tag tag;  // an artifact unless it shows content (a task box's tick)
};

/// A clickable area. Exactly one of `uri` (external, URI action) and `dest` (a named
/// destination defined by an Anchor in this document) is non-empty.
struct LinkArea {
    Rect rect;
    std::string uri;
    std::string dest;
    /// The Link element's content slot: the annotation is its object reference (14.7.4.3).
    Tag tag;
    /// The annotation's /Contents: what the link says (its text), for assistive technology.
    std::string contents;
};

/// A named destination: the view jumps so that `at` (usually just above a heading's top) is at
/// the top of the window (PDF 32000-1, 12.3.2, /XYZ).
struct Anchor {
    std::string name;
    Point at;
};

/// One PDF object of a vector picture, numbered among the picture's own objects (0 is its Form
/// XObject, PDF 32000-1 8.10). A writer gives each a number of its own and writes the references.
struct PdfObject {
    /// A direct object's text, or a stream's dict entries without /Length, with references
    /// left out: refs[i] = {byte offset into body, index of the object referred to}, in order.
    std::string body;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> refs;
    bool stream = false;
    bool compress = false;  // stream data to be Flate-encoded; else encoded as its /Filter says
    std::string data;
};

/// A picture as read from its file, checked by layout, shared by every Image that shows it: a
/// writer embeds each ImageData once however often it is drawn. A raster (PNG or JPEG), or a
/// vector drawing: a page of a PDF file (an author's, or the one an SVG was drawn into) as
/// PDF objects.
struct ImageData {
    enum class Format { Png, Jpeg, Pdf };
    Format format = Format::Png;
    std::vector<std::uint8_t> bytes;  // the whole file (a raster's; empty for a PDF page)
    std::uint32_t width = 0;          // in pixels; 0 for a PDF page
    std::uint32_t height = 0;         // in pixels; 0 for a PDF page
    int page = 1;                     // PDF: the page shown, 1-based
    std::vector<PdfObject> objects;   // PDF: the form and what it uses
    Rect box;                         // PDF: the page's box in the form's output space, points
    /// JPEG only: colour components (1 grey, 3 YCbCr or RGB, 4 CMYK), and whether CMYK samples
    /// are stored inverted (an Adobe APP14 marker says so; Photoshop writes them that way).
    int components = 0;
    bool inverted_cmyk = false;
    std::string name;  // the path it was read from, for diagnostics
};

/// A picture scaled into `rect` (points, page space), whatever its pixel size.
struct Image {
    Rect rect;
    std::shared_ptr<const ImageData> data;
    Tag tag;  // its Figure's slot
};

/// Starts a stretch of items whose text, when copied or extracted, is `text` instead of their
/// glyphs' own (PDF /ActualText, 14.9.4), up to the next ActualTextEnd on the same page. A code
/// line's runs, spaces included, read as its source line; the later lines of a wrapped source
/// line and drawn line numbers read as nothing (`text` empty). Stretches do not nest: a begin
/// inside a stretch is ignored with its end.
struct ActualTextBegin {
    std::string text;
};

/// Ends the stretch the last ActualTextBegin started.
struct ActualTextEnd {};

using Item = std::variant<GlyphRun, Box, Line, LinkArea, Anchor, Image, ActualTextBegin, ActualTextEnd>;

/// How a page is numbered (PDF 32000-1, 12.4.2, page labels): its number within its numbering
/// and the figures that numbering is printed in. A value of 0 means the page's position (the
/// default numbering, 1, 2, 3, ...).
struct PageNumber {
    enum class Figures { Arabic, LowerRoman };
    Figures figures = Figures::Arabic;
    int value = 0;
};

struct PlacedPage;

struct Page {
    Size size;  // MediaBox width and height
    std::vector<Item> items;
    PageNumber number;
    /// Imposition (impose/): pages of the document drawn on this page, a sheet, each under its
    /// placement, in reading order and before `items` (frame lines, crop marks). Empty for a
    /// page of the document itself.
    std::vector<PlacedPage> placed;
    /// The finished page after trimming (PDF 32000-1, 14.11.2 TrimBox) and the area printed
    /// beyond it to be cut off (BleedBox), in this page's space; absent: the MediaBox.
    std::optional<Rect> trim_box;
    std::optional<Rect> bleed_box;
};

/// A page of the document on a sheet: its content scaled by `scale` (uniformly, about its
/// origin), then moved so that its origin lies at `origin` of the sheet, and clipped to `clip`
/// (the page's own space, points: its rectangle, with the bleed when there is one). Links and
/// anchors move with it.
struct PlacedPage {
    Page page;
    double scale = 1;
    Point origin;
    Rect clip;
};

/// One bookmark (PDF 32000-1, 12.3.3). Entries are in document order; `level` (1 = top)
/// gives the nesting: an entry is the child of the nearest earlier entry with a lower level.
struct OutlineEntry {
    std::string title;
    int level = 1;
    std::string dest;  // name of an Anchor
};

/// Document information dictionary (PDF 32000-1, 14.3.3). Strings are UTF-8.
struct Info {
    std::string title;
    std::string author;
    std::string subject;
    std::string keywords;
    std::string creator;
    std::string lang;  // BCP 47, for the catalog /Lang
    /// Standards the file is made to meet (PDF/A-2, PDF/UA-1); the writer declares them in XMP.
    PdfStandard standard;
    /// PDF/A: the ICC profile (sRGB) of the output intent; empty otherwise.
    std::vector<std::uint8_t> output_profile;
    /// CreationDate and ModDate as seconds since the epoch, UTC. Absent: no dates written.
    std::optional<std::int64_t> creation_epoch;
    /// Write a tagged PDF: items' tags as marked content, the structure tree, /MarkInfo.
    bool tagged = false;
};

struct Document {
    std::vector<Page> pages;
    std::vector<OutlineEntry> outline;
    Info info;
    StructTree structure;  // used when info.tagged
};

}  // namespace galley::frame

namespace galley::frame {

/// Moves an item by (dx, dy) points.
inline void translate(Item& item, Pt dx, Pt dy) {
    struct Mover {
        Pt dx, dy;
        void operator()(GlyphRun& r) const { r.origin.x += dx, r.origin.y += dy; }
        void operator()(Box& b) const { b.rect.x += dx, b.rect.y += dy; }
        void operator()(Line& l) const {
            l.from.x += dx, l.from.y += dy;
            l.to.x += dx, l.to.y += dy;
        }
        void operator()(LinkArea& a) const { a.rect.x += dx, a.rect.y += dy; }
        void operator()(Anchor& a) const { a.at.x += dx, a.at.y += dy; }
        void operator()(Image& i) const { i.rect.x += dx, i.rect.y += dy; }
        void operator()(ActualTextBegin&) const {}
        void operator()(ActualTextEnd&) const {}
    };
    std::visit(Mover{dx, dy}, item);
}

/// Puts `item` (when it draws or links) into the structure `tag` names.
inline void set_tag(Item& item, const Tag& tag) {
    std::visit(
        [&](auto& i) {
            if constexpr (requires { i.tag; }) i.tag = tag;
        },
        item);
}

}  // namespace galley::frame
