// galley's Type0/CIDFontType2 fonts: glyph bookkeeping while pages are written, then hb-subset
// and the font dictionaries and streams.
#include "pdf/cid_font.h"

#include <hb-subset.h>
#include <hb.h>

#include <algorithm>
#include <cmath>
#include <span>

#include "base/units.h"
#include "base/utf8.h"
#include "pdf/cff.h"
#include "pdf/pdf_syntax.h"

namespace galley::pdf {

namespace {

template <class T, void (*Destroy)(T*)>
struct HbDeleter {
    void operator()(T* p) const { Destroy(p); }
};
using HbInput = std::unique_ptr<hb_subset_input_t, HbDeleter<hb_subset_input_t, hb_subset_input_destroy>>;
using HbPlan = std::unique_ptr<hb_subset_plan_t, HbDeleter<hb_subset_plan_t, hb_subset_plan_destroy>>;
using HbFace = std::unique_ptr<hb_face_t, HbDeleter<hb_face_t, hb_face_destroy>>;
using HbBlob = std::unique_ptr<hb_blob_t, HbDeleter<hb_blob_t, hb_blob_destroy>>;

/// Tables a PDF reader never uses for a CIDFontType2: glyphs are chosen by CID, so layout
/// (substitution, positioning, kerning) happened at shaping time.
constexpr hb_tag_t kDroppedTables[] = {
    HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
    HB_TAG('k', 'e', 'r', 'n'), HB_TAG('B', 'A', 'S', 'E'), HB_TAG('J', 'S', 'T', 'F'),
    HB_TAG('M', 'A', 'T', 'H'), HB_TAG('m', 'o', 'r', 'x'), HB_TAG('m', 'o', 'r', 't'),
};

/// Tables of a colour bitmap face that its invisible text font does without: the bitmaps
/// (drawn as pictures instead) and their colour and layout data.
constexpr hb_tag_t kBitmapTables[] = {
    HB_TAG('C', 'B', 'D', 'T'), HB_TAG('C', 'B', 'L', 'C'), HB_TAG('E', 'B', 'D', 'T'), HB_TAG('E', 'B', 'L', 'C'),
    HB_TAG('E', 'B', 'S', 'C'), HB_TAG('s', 'b', 'i', 'x'), HB_TAG('C', 'O', 'L', 'R'), HB_TAG('C', 'P', 'A', 'L'),
    HB_TAG('S', 'V', 'G', ' '),
};

/// `subset` (a font without outlines) as a TrueType font whose every glyph is empty: the
/// tables it has, plus a glyf table of no bytes and a loca table of zero offsets in the format
/// its head table names (OpenType: an empty glyph has equal offsets). Empty when it has no head.
std::string with_empty_outlines(hb_face_t* subset) {
    // Only a face read from bytes lists its tables, not the builder face hb-subset returns.
    HbBlob bytes(hb_face_reference_blob(subset));
    HbFace face_holder(hb_face_create(bytes.get(), 0));
    hb_face_t* face = face_holder.get();
    HbBlob head(hb_face_reference_table(face, HB_TAG('h', 'e', 'a', 'd')));
    unsigned head_size = 0;
    const char* head_data = hb_blob_get_data(head.get(), &head_size);
    if (head_size < 54) return {};
    const bool long_offsets = head_data[51] != 0;  // indexToLocFormat, big-endian int16 at 50
    const unsigned glyphs = hb_face_get_glyph_count(face);
    const std::string loca((glyphs + 1) * (long_offsets ? 4 : 2), '\0');

    HbFace builder(hb_face_builder_create());
    hb_tag_t tags[64];
    unsigned count = 64;
    hb_face_get_table_tags(face, 0, &count, tags);
    for (unsigned i = 0; i < count; ++i) {
        HbBlob table(hb_face_reference_table(face, tags[i]));
        hb_face_builder_add_table(builder.get(), tags[i], table.get());
    }
    HbBlob loca_blob(hb_blob_create(loca.data(), static_cast<unsigned>(loca.size()), HB_MEMORY_MODE_READONLY, nullptr, nullptr));
    HbBlob glyf_blob(hb_blob_get_empty());
    hb_face_builder_add_table(builder.get(), HB_TAG('l', 'o', 'c', 'a'), loca_blob.get());
    hb_face_builder_add_table(builder.get(), HB_TAG('g', 'l', 'y', 'f'), glyf_blob.get());
    HbBlob font(hb_face_reference_blob(builder.get()));
    unsigned size = 0;
    const char* data = hb_blob_get_data(font.get(), &size);
    return std::string(data, size);
}

/// Adobe's ToUnicode preamble (Adobe technical note #5411) and the bfchar limit per block.
constexpr std::string_view kCMapBegin =
    "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
constexpr std::string_view kCMapEnd =
    "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
constexpr int kBfcharPerBlock = 100;

/// A PostScript name of printable characters other than delimiters, within the 127-byte name
/// limit of readers (Annex C) once the subset tag is added.
std::string clean_postscript_name(const std::string& ps) {
    std::string out;
    for (unsigned char c : ps.substr(0, 100)) {
        const bool ok = c > ' ' && c <= '~' && std::string_view("()<>[]{}/%#").find(static_cast<char>(c)) == std::string_view::npos;
        out += ok ? static_cast<char>(c) : '-';
    }
    return out.empty() ? "Font" : out;
}

/// Six upper-case letters from a hash of the face and its used glyphs (PDF 32000-1, 9.6.4):
/// the same glyph set gives the same tag, so output stays reproducible.
std::string subset_tag(const std::string& ps, const std::vector<std::uint32_t>& gids) {
    std::uint64_t h = fnv1a(ps);
    for (std::uint32_t g : gids) {
        const char bytes[4] = {static_cast<char>(g), static_cast<char>(g >> 8), static_cast<char>(g >> 16),
                               static_cast<char>(g >> 24)};
        h = fnv1a(std::string_view(bytes, 4), h);
    }
    std::string tag(6, 'A');
    for (char& c : tag) {
        c = static_cast<char>('A' + h % 26);
        h /= 26;
    }
    return tag;
}

}  // namespace

CidFont::CidFont(const font::Face& face) : face_(face) {}

CidFont::~CidFont() {
    if (hb_font_) hb_font_destroy(hb_font_);
    if (hb_face_) hb_face_destroy(hb_face_);
}

std::unique_ptr<CidFont> CidFont::create(const font::Face& face, ObjectWriter& out, std::string& why) {
    std::unique_ptr<CidFont> f(new CidFont(face));
    const std::span<const std::uint8_t> data = face.data();
    HbBlob blob(hb_blob_create(reinterpret_cast<const char*>(data.data()), static_cast<unsigned>(data.size()),
                               HB_MEMORY_MODE_READONLY, nullptr, nullptr));
    f->hb_face_ = hb_face_create(blob.get(), face.index());
    // Widths and nominal glyphs come from HarfBuzz's own reading of hmtx and cmap, at the
    // default scale (font units), not from the FreeType face layout shapes with: the writer may
    // run on its own thread, and a FreeType face is not safe to share between threads.
    f->hb_font_ = hb_font_create(f->hb_face_);
    const auto has_table = [&](hb_tag_t tag) {
        HbBlob table(hb_face_reference_table(f->hb_face_, tag));
        return hb_blob_get_length(table.get()) > 0;
    };
    f->cff_ = !has_table(HB_TAG('g', 'l', 'y', 'f')) && has_table(HB_TAG('C', 'F', 'F', ' '));
    f->empty_outlines_ = face.color_bitmaps() && !f->cff_ && !has_table(HB_TAG('g', 'l', 'y', 'f'));
    if ((!f->cff_ && !f->empty_outlines_ && !has_table(HB_TAG('g', 'l', 'y', 'f'))) || face.glyph_count() == 0) {
        // CFF2 (variable CFF) and other bitmap-only fonts (sbix) have no PDF font type.
        why = "font '" + face.path() +
              "' has neither TrueType (glyf) nor CFF outlines, so its text is left out";
        return nullptr;
    }
    f->widths_.assign(face.glyph_count(), -1);
    f->text_refs_.assign(face.glyph_count(), TextRef{kUnmapped, 0});

    f->type0_ = out.reserve();
    return f;
}

int CidFont::width_of(std::uint32_t gid) const {
    return static_cast<int>(
        std::lround(font_units_to_thousandths(hb_font_get_glyph_h_advance(hb_font_, gid), face_.metrics().units_per_em)));
}

void CidFont::map_glyphs(std::span<const frame::Glyph> glyphs, std::string_view text) {
    // A base with combining marks that the font draws as separate nominal glyphs: map each
    // glyph to its own character, so the glyphs keep the mappings they have elsewhere.
    std::size_t pos = 0;
    std::size_t k = 0;
    const auto nominal = [&](char32_t c) {
        hb_codepoint_t g = 0;
        return hb_font_get_nominal_glyph(hb_font_, c, &g) ? g : 0;
    };
    while (k < glyphs.size() && pos < text.size() && nominal(utf8::decode(text, pos)) == glyphs[k].gid) ++k;
    if (k == glyphs.size() && pos == text.size()) {
        pos = 0;
        for (const frame::Glyph& g : glyphs) {
            const std::size_t start = pos;
            utf8::decode(text, pos);
            map_text(g.gid, text.substr(start, pos - start));
        }
        return;
    }
    // Otherwise (a ligature of several glyphs, a conjunct): the first glyph stands for the
    // whole text, the others for nothing (they get no ToUnicode entry).
    map_text(glyphs[0].gid, text);
    for (const frame::Glyph& g : glyphs.subspan(1)) map_text(g.gid, {});
}

std::string CidFont::to_unicode_cmap(bool every_glyph) const {
    std::string out(kCMapBegin);
    std::vector<std::uint32_t> mapped;
    const auto has_text = [&](std::uint32_t cid) {
        return text_refs_[cid].offset != kUnmapped && text_refs_[cid].length > 0;
    };
    // The texts of used glyphs without one (every_glyph): the face's characters by nominal
    // glyph, found only when some glyph needs one.
    std::vector<std::string> fallback;
    for (std::uint32_t cid = 1; every_glyph && cid < text_refs_.size(); ++cid) {
        if (widths_[cid] < 0 || has_text(cid)) continue;
        if (fallback.empty()) {
            fallback.resize(text_refs_.size());
            hb_set_t* unicodes = hb_set_create();
            hb_face_collect_unicodes(hb_face_, unicodes);
            for (hb_codepoint_t u = HB_SET_VALUE_INVALID; hb_set_next(unicodes, &u);) {
                hb_codepoint_t g = 0;
                if (hb_font_get_nominal_glyph(hb_font_, u, &g) && g < fallback.size() && fallback[g].empty())
                    utf8::append(fallback[g], u);
            }
            hb_set_destroy(unicodes);
        }
        if (fallback[cid].empty()) fallback[cid] = "\uFFFD";
    }
    for (std::uint32_t cid = 0; cid < text_refs_.size(); ++cid)
        if (widths_[cid] >= 0 && (has_text(cid) || (!fallback.empty() && !fallback[cid].empty())))
            mapped.push_back(cid);
    for (std::size_t i = 0; i < mapped.size(); i += kBfcharPerBlock) {
        const std::size_t n = std::min<std::size_t>(kBfcharPerBlock, mapped.size() - i);
        put_int(out, static_cast<long long>(n));
        out += " beginbfchar\n";
        for (std::size_t j = i; j < i + n; ++j) {
            const TextRef& ref = text_refs_[mapped[j]];
            out += '<';
            put_hex16(out, mapped[j]);
            out += "> <";
            put_utf16be_hex(out, has_text(mapped[j]) ? std::string_view(texts_).substr(ref.offset, ref.length)
                                                     : std::string_view(fallback[mapped[j]]));
            out += ">\n";
        }
        out += "endbfchar\n";
    }
    out += kCMapEnd;
    return out;
}

std::string CidFont::w_array() const {
    // Runs of consecutive CIDs: "c [w1 w2 ...]" (PDF 32000-1, 9.7.4.3).
    std::string out = "/W [";
    std::uint32_t cid = 0;
    while (cid < widths_.size()) {
        if (widths_[cid] < 0) {
            ++cid;
            continue;
        }
        put_int(out, cid);
        out += " [";
        for (bool first = true; cid < widths_.size() && widths_[cid] >= 0; ++cid, first = false) {
            if (!first) out += ' ';
            put_int(out, widths_[cid]);
        }
        out += "] ";
    }
    out += "]";
    return out;
}

std::string CidFont::finish(ObjectWriter& out, bool every_glyph) {
    const font::FaceMetrics& m = face_.metrics();
    std::vector<std::uint32_t> gids;
    for (std::uint32_t g = 0; g < widths_.size(); ++g)
        if (widths_[g] >= 0) gids.push_back(g);
    const std::string ps = clean_postscript_name(m.postscript_name);
    base_font_ = subset_tag(ps, gids) + "+" + ps;
    const std::string failed = "cannot subset font '" + face_.path() + "' (hb-subset)";

    HbInput input(hb_subset_input_create_or_fail());
    if (!input) return failed;
    hb_set_t* glyph_set = hb_subset_input_glyph_set(input.get());
    for (std::uint32_t g : gids) hb_set_add(glyph_set, g);
    // .notdef keeps its outline: a character no font has shows as a box (DESIGN.md section 3).
    hb_subset_input_set_flags(input.get(), HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
    hb_set_t* drop = hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (hb_tag_t t : kDroppedTables) hb_set_add(drop, t);
    if (empty_outlines_)
        for (hb_tag_t t : kBitmapTables) hb_set_add(drop, t);
    HbPlan plan(hb_subset_plan_create_or_fail(hb_face_, input.get()));
    if (!plan) return failed;
    HbFace subset(hb_subset_plan_execute_or_fail(plan.get()));
    if (!subset) return failed;

    // The font program and how CIDs (original glyph ids) reach its glyphs. TrueType: the
    // subset font whole, with a /CIDToGIDMap stream of two bytes per CID up to the largest
    // used, big-endian new glyph id. CFF: a CIDFontType0 has no /CIDToGIDMap, so the subset's
    // CFF table becomes CID-keyed with each glyph's original id as its CID (9.7.4.2).
    std::string program;
    std::string cid_to_gid;
    if (cff_) {
        HbBlob table(hb_face_reference_table(subset.get(), HB_TAG('C', 'F', 'F', ' ')));
        unsigned size = 0;
        const char* data = hb_blob_get_data(table.get(), &size);
        const hb_map_t* new_to_old = hb_subset_plan_new_to_old_glyph_mapping(plan.get());
        std::vector<std::uint16_t> cids(hb_face_get_glyph_count(subset.get()), 0);
        for (std::size_t g = 1; g < cids.size(); ++g)
            cids[g] = static_cast<std::uint16_t>(hb_map_get(new_to_old, static_cast<hb_codepoint_t>(g)));
        program = cid_keyed_cff(std::string_view(data, size), cids, base_font_);
    } else {
        if (empty_outlines_) {
            program = with_empty_outlines(subset.get());
        } else {
            HbBlob blob(hb_face_reference_blob(subset.get()));
            unsigned size = 0;
            const char* data = hb_blob_get_data(blob.get(), &size);
            program.assign(data, size);
        }
        const hb_map_t* old_to_new = hb_subset_plan_old_to_new_glyph_mapping(plan.get());
        const std::uint32_t max_cid = gids.empty() ? 0 : gids.back();
        cid_to_gid.assign(2 * (max_cid + 1), '\0');
        for (std::uint32_t g : gids) {
            const hb_codepoint_t n = hb_map_get(old_to_new, g);
            if (n == HB_MAP_VALUE_INVALID) continue;
            cid_to_gid[2 * g] = static_cast<char>(n >> 8);
            cid_to_gid[2 * g + 1] = static_cast<char>(n & 0xFF);
        }
    }
    if (program.empty()) return failed;
    const std::string cmap = to_unicode_cmap(every_glyph);

    const double scale = 1000.0 / m.units_per_em;
    const auto thousandths = [&](double units) { return static_cast<long long>(std::lround(units * scale)); };
    const auto entry = [](std::string& d, const char* key, ObjRef r) {
        d += key;
        d += ' ';
        put_ref(d, r);
    };

    // Embedded font programs (9.9): FontFile2 with /Length1 for TrueType, FontFile3 with
    // /Subtype /CIDFontType0C for a bare CID-keyed CFF.
    const ObjRef font_file = out.reserve();
    std::string entries = cff_ ? "/Subtype /CIDFontType0C" : "/Length1 " + std::to_string(program.size());
    if (!out.flate_stream(font_file, entries, program)) return out.failure();
    ObjRef cid_map = 0;
    if (!cff_ && !out.flate_stream(cid_map = out.reserve(), "", cid_to_gid)) return out.failure();
    const ObjRef to_unicode = out.reserve();
    if (!out.flate_stream(to_unicode, "", cmap)) return out.failure();

    // FontDescriptor (9.8). Flags: Symbolic (glyphs are addressed by CID, not a standard
    // encoding) plus what the face says.
    int flags = 4;
    if (m.fixed_pitch) flags |= 1;
    if (m.serif) flags |= 2;
    if (m.italic) flags |= 64;
    std::string d = "<</Type /FontDescriptor /FontName ";
    put_name(d, base_font_);
    d += " /Flags ";
    put_int(d, flags);
    d += " /FontBBox [";
    for (std::size_t i = 0; i < 4; ++i) {
        if (i > 0) d += ' ';
        put_int(d, thousandths(m.bbox[i]));
    }
    d += "] /ItalicAngle ";
    put_number(d, m.italic_angle);
    d += " /Ascent ";
    put_int(d, thousandths(m.ascender));
    d += " /Descent ";
    put_int(d, thousandths(m.descender));
    d += " /CapHeight ";
    put_int(d, thousandths(m.cap_height));
    // No font table gives the vertical stem width; a usual estimate by weight.
    d += m.bold ? " /StemV 120" : " /StemV 80";
    entry(d, cff_ ? " /FontFile3" : " /FontFile2", font_file);
    d += ">>";
    const ObjRef descriptor = out.reserve();
    if (!out.object(descriptor, d)) return out.failure();

    // CIDFontType0 or CIDFontType2 descendant (9.7.4).
    std::string c = cff_ ? "<</Type /Font /Subtype /CIDFontType0 /BaseFont " : "<</Type /Font /Subtype /CIDFontType2 /BaseFont ";
    put_name(c, base_font_);
    c += " /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>>";
    entry(c, " /FontDescriptor", descriptor);
    c += " /DW 1000 ";
    c += w_array();
    if (cid_map) entry(c, " /CIDToGIDMap", cid_map);
    c += ">>";
    const ObjRef cid_font = out.reserve();
    if (!out.object(cid_font, c)) return out.failure();

    std::string t = "<</Type /Font /Subtype /Type0 /BaseFont ";
    put_name(t, base_font_);
    t += " /Encoding /Identity-H";
    entry(t, " /DescendantFonts [", cid_font);
    t += ']';
    entry(t, " /ToUnicode", to_unicode);
    t += ">>";
    return out.object(type0_, t) ? std::string() : out.failure();
}

}  // namespace galley::pdf
