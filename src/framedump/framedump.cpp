// Frames as text for golden tests: every number formatted without locale, fixed decimals.
#include "framedump/framedump.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "base/utf8.h"

namespace galley::framedump {

namespace {

/// Glyphs per `gids` line: short enough that a changed advance shows as a small hunk.
constexpr std::size_t kGlyphsPerLine = 12;

/// `v` with two decimals, through to_chars (no locale); -0.00 becomes 0.00 so a value that
/// rounds to zero from either side reads the same.
std::string num(double v) {
    if (!std::isfinite(v)) return v != v ? "nan" : v > 0 ? "inf" : "-inf";
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 2);
    std::string s(buf, ec == std::errc() ? end : buf);
    if (s == "-0.00") s = "0.00";
    return s;
}

std::string point(Point p) { return num(p.x) + "," + num(p.y); }

std::string rect(const Rect& r) { return point({r.x, r.y}) + " " + num(r.width) + "x" + num(r.height); }

std::string colour(const Color& c) {
    const auto byte = [](double v) { return static_cast<unsigned>(std::lround(std::clamp(v, 0.0, 1.0) * 255)); };
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", byte(c.r), byte(c.g), byte(c.b));
    return buf;
}

/// Characters a diff would show as nothing or as a plain space: controls, non-ASCII spaces,
/// soft hyphen, bidi marks and other format characters, the BOM.
bool invisible(char32_t c) {
    return utf8::is_stray_control(c) || c == 0x00A0 || c == 0x00AD || c == 0x034F || c == 0x061C ||
           (c >= 0x115F && c <= 0x1160) || c == 0x180E || (c >= 0x2000 && c <= 0x200F) ||
           (c >= 0x2028 && c <= 0x202F) || (c >= 0x205F && c <= 0x206F) || c == 0x3000 || c == 0x3164 ||
           (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF || (c >= 0xFFF0 && c <= 0xFFFB) ||
           (c >= 0xE0000 && c <= 0xE0FFF);
}

/// `s` in double quotes, escaped so that every line of the dump is one line and every
/// character is visible.
std::string quoted(std::string_view s) {
    std::string out = "\"";
    for (std::size_t pos = 0; pos < s.size();) {
        const std::size_t at = pos;
        const char32_t c = utf8::decode(s, pos);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (invisible(c)) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "\\u{%04X}", static_cast<unsigned>(c));
            out += buf;
        } else {
            out.append(s, at, pos - at);
        }
    }
    return out + "\"";
}

std::string face_name(const font::Face* face) {
    if (!face) return "\"?\" regular";
    const font::FaceMetrics& m = face->metrics();
    const char* style = m.bold ? (m.italic ? "bold-italic" : "bold") : (m.italic ? "italic" : "regular");
    return quoted(m.family_name) + " " + style;
}

/// Clusters with arithmetic runs of three or more shortened to `first..last` (step 1) or
/// `first..last/step`: "0..9" for ten ASCII letters, "20..0/2" for eleven Hebrew ones.
std::string clusters(const std::vector<frame::Glyph>& glyphs) {
    std::string out = "clusters";
    for (std::size_t i = 0; i < glyphs.size();) {
        const long first = glyphs[i].cluster;
        std::size_t j = i + 1;
        long step = 0;
        if (j < glyphs.size()) {
            step = static_cast<long>(glyphs[j].cluster) - first;
            while (step != 0 && j + 1 < glyphs.size() &&
                   static_cast<long>(glyphs[j + 1].cluster) - static_cast<long>(glyphs[j].cluster) == step)
                ++j;
        }
        out += ' ';
        if (step != 0 && j - i >= 2) {
            out += std::to_string(first) + ".." + std::to_string(glyphs[j].cluster);
            if (step != 1 && step != -1) out += "/" + std::to_string(std::labs(step));
            i = j + 1;
        } else {
            out += std::to_string(first);
            ++i;
        }
    }
    return out;
}

void write_run(std::string& out, const frame::GlyphRun& r) {
    out += "  run " + face_name(r.face) + " " + num(r.size) + " " + colour(r.color) + " " + point(r.origin);
    if (r.right_to_left) out += " rtl";
    if (r.inside_right_to_left) out += " in-rtl";
    // Glyphs a writer draws as pictures (colour emoji), their text set invisibly.
    if (r.face && r.face->color_bitmaps()) out += " bitmaps";
    if (num(r.angle) != "0.00") out += " angle " + num(r.angle);
    out += " " + quoted(r.text) + "\n";
    for (std::size_t i = 0; i < r.glyphs.size(); i += kGlyphsPerLine) {
        out += "    gids";
        for (std::size_t k = i; k < std::min(r.glyphs.size(), i + kGlyphsPerLine); ++k) {
            const frame::Glyph& g = r.glyphs[k];
            out += " " + std::to_string(g.gid) + ":" + num(g.x_advance);
            // Offsets are rare (marks, superscripts): written only when they show.
            const std::string dx = num(g.x_offset), dy = num(g.y_offset);
            if (dx != "0.00" || dy != "0.00") out += "@" + dx + "," + dy;
        }
        out += "\n";
    }
    if (!r.glyphs.empty()) out += "    " + clusters(r.glyphs) + "\n";
}

void write_item(std::string& out, const frame::Item& item) {
    struct Writer {
        std::string& out;
        void operator()(const frame::GlyphRun& r) const { write_run(out, r); }
        void operator()(const frame::Box& b) const {
            out += "  box " + rect(b.rect);
            if (b.fill) out += " fill " + colour(*b.fill);
            if (b.stroke) out += " stroke " + colour(*b.stroke) + " " + num(b.line_width);
            out += "\n";
        }
        void operator()(const frame::Line& l) const {
            out += "  line " + point(l.from) + " " + point(l.to) + " " + num(l.width) + " " + colour(l.color) + "\n";
        }
        void operator()(const frame::LinkArea& a) const {
            out += "  link " + rect(a.rect);
            if (!a.uri.empty()) out += " uri " + quoted(a.uri);
            if (!a.dest.empty()) out += " dest " + quoted(a.dest);
            out += "\n";
        }
        void operator()(const frame::Anchor& a) const { out += "  anchor " + quoted(a.name) + " " + point(a.at) + "\n"; }
        void operator()(const frame::Image& i) const {
            out += "  image " + rect(i.rect);
            if (!i.data) {
                out += " none\n";
                return;
            }
            const frame::ImageData& d = *i.data;
            // The file name only: the folder depends on how galley was called.
            const std::string_view name = std::string_view(d.name).substr(d.name.find_last_of('/') + 1);
            switch (d.format) {
                case frame::ImageData::Format::Png: out += " png "; break;
                case frame::ImageData::Format::Jpeg: out += " jpeg "; break;
                case frame::ImageData::Format::Pdf: out += " pdf page " + std::to_string(d.page) + " "; break;
            }
            if (d.format != frame::ImageData::Format::Pdf)
                out += std::to_string(d.width) + "x" + std::to_string(d.height) + " ";
            out += quoted(name) + "\n";
        }
        void operator()(const frame::ActualTextBegin& a) const { out += "  text-as " + quoted(a.text) + "\n"; }
        void operator()(const frame::ActualTextEnd&) const { out += "  text-as-end\n"; }
    };
    std::visit(Writer{out}, item);
}

}  // namespace

std::string write(const frame::Document& document) {
    std::string out = "galley-frames " + std::to_string(kFormatVersion) + "\n";
    for (std::size_t p = 0; p < document.pages.size(); ++p) {
        const frame::Page& page = document.pages[p];
        out += "page " + std::to_string(p + 1) + " " + num(page.size.width) + "x" + num(page.size.height);
        // A page numbered otherwise than by its position (front matter, the body after it).
        const frame::PageNumber& n = page.number;
        const bool roman = n.figures == frame::PageNumber::Figures::LowerRoman;
        if (n.value != 0 && (roman || n.value != static_cast<int>(p + 1)))
            out += " number " + std::string(roman ? "roman " : "") + std::to_string(n.value);
        out += "\n";
        if (page.trim_box) out += " trim " + rect(*page.trim_box) + "\n";
        if (page.bleed_box) out += " bleed " + rect(*page.bleed_box) + "\n";
        for (const frame::PlacedPage& placed : page.placed) {
            out += " placed " + num(placed.scale) + " " + point(placed.origin) + " " + num(placed.page.size.width) +
                   "x" + num(placed.page.size.height) + "\n";
            for (const frame::Item& item : placed.page.items) write_item(out, item);
        }
        for (const frame::Item& item : page.items) write_item(out, item);
    }
    for (const frame::OutlineEntry& e : document.outline)
        out += "outline " + std::to_string(e.level) + " " + quoted(e.title) + " " + quoted(e.dest) + "\n";
    const frame::Info& info = document.info;
    out += "info title " + quoted(info.title) + "\n";
    out += "info author " + quoted(info.author) + "\n";
    out += "info subject " + quoted(info.subject) + "\n";
    out += "info keywords " + quoted(info.keywords) + "\n";
    out += "info lang " + quoted(info.lang) + "\n";
    out += "info created " + (info.creation_epoch ? std::to_string(*info.creation_epoch) : std::string("none")) + "\n";
    return out;
}

}  // namespace galley::framedump
