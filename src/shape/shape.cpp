// HarfBuzz shaping with a per-document cache, and itemization by grapheme cluster, script and
// font coverage with the style's per-script fallback families. Unicode properties (grapheme
// cluster break, emoji, scripts of a language) come from ICU.
#include "shape/shape.h"

#include <hb.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <set>
#include <span>

#include "base/ascii.h"
#include "base/string_table.h"
#include "base/utf8.h"

namespace galley::shape {

namespace {

/// Does `text` hold an enclosing mark (general category Me: the keycap U+20E3, the enclosing
/// circle U+20DD, ...)?
bool holds_enclosing_mark(std::string_view text) {
    for (std::size_t pos = 0; pos < text.size();)
        if (u_charType(static_cast<UChar32>(utf8::decode(text, pos))) == U_ENCLOSING_MARK) return true;
    return false;
}

/// A font without a ligature for a keycap or an enclosed character draws the enclosing mark
/// as its own glyph of no advance, wider than its base: it would cover the neighbours. Each
/// cluster holding such a mark is widened to its ink, its glyphs moved right to start there.
void widen_to_ink(Shaped& shaped, hb_font_t* font, std::string_view text) {
    auto& glyphs = shaped.glyphs;
    for (std::size_t i = 0; i < glyphs.size();) {
        std::size_t j = i + 1;
        while (j < glyphs.size() && glyphs[j].cluster == glyphs[i].cluster) ++j;
        std::size_t end = text.size();
        for (const ShapedGlyph& g : glyphs)
            if (g.cluster > glyphs[i].cluster) end = std::min<std::size_t>(end, g.cluster);
        if (holds_enclosing_mark(text.substr(glyphs[i].cluster, end - glyphs[i].cluster))) {
            std::int64_t pen = 0, ink_min = 0, ink_max = 0;
            for (std::size_t k = i; k < j; ++k) {
                hb_glyph_extents_t e{};
                if (hb_font_get_glyph_extents(font, glyphs[k].gid, &e)) {
                    const std::int64_t x = pen + glyphs[k].x_offset + e.x_bearing;
                    ink_min = std::min(ink_min, x);
                    ink_max = std::max(ink_max, x + e.width);
                }
                pen += glyphs[k].x_advance;
            }
            const std::int64_t shift = -ink_min;
            const std::int64_t grow = std::max<std::int64_t>(0, ink_max + shift - pen);
            if (shift > 0)
                for (std::size_t k = i; k < j; ++k) glyphs[k].x_offset += static_cast<std::int32_t>(shift);
            glyphs[j - 1].x_advance += static_cast<std::int32_t>(grow);
            shaped.advance += grow;
        }
        i = j;
    }
}

/// The lists of style::FallbackFamilies.
enum List : std::size_t {
    kArabic,
    kHebrew,
    kIndic,
    kSoutheastAsian,
    kCjkSc,
    kCjkTc,
    kCjkJp,
    kCjkKr,
    kSymbols,
    kEmoji,
    kNoList,
};

const std::vector<std::string>& families_of(const style::FallbackFamilies& f, List list) {
    switch (list) {
    case kArabic: return f.arabic;
    case kHebrew: return f.hebrew;
    case kIndic: return f.indic;
    case kSoutheastAsian: return f.southeast_asian;
    case kCjkSc: return f.cjk_sc;
    case kCjkTc: return f.cjk_tc;
    case kCjkJp: return f.cjk_jp;
    case kCjkKr: return f.cjk_kr;
    case kSymbols: return f.symbols;
    case kEmoji: return f.emoji;
    case kNoList: break;
    }
    static const std::vector<std::string> none;
    return none;
}

bool is_cjk(hb_script_t sc) {
    return sc == HB_SCRIPT_HAN || sc == HB_SCRIPT_HIRAGANA || sc == HB_SCRIPT_KATAKANA ||
           sc == HB_SCRIPT_BOPOMOFO || sc == HB_SCRIPT_HANGUL;
}

/// The fallback list for a script; `cjk` is the CJK list the document language chose.
List list_for_script(hb_script_t sc, List cjk) {
    switch (sc) {
    case HB_SCRIPT_ARABIC: return kArabic;
    case HB_SCRIPT_HEBREW: return kHebrew;
    case HB_SCRIPT_DEVANAGARI: case HB_SCRIPT_BENGALI: case HB_SCRIPT_GURMUKHI: case HB_SCRIPT_GUJARATI:
    case HB_SCRIPT_ORIYA: case HB_SCRIPT_TAMIL: case HB_SCRIPT_TELUGU: case HB_SCRIPT_KANNADA:
    case HB_SCRIPT_MALAYALAM: case HB_SCRIPT_SINHALA:
        return kIndic;
    case HB_SCRIPT_THAI: case HB_SCRIPT_LAO: case HB_SCRIPT_KHMER: case HB_SCRIPT_MYANMAR:
        return kSoutheastAsian;
    default: return is_cjk(sc) ? cjk : kNoList;
    }
}

/// Scripts that share one face within a run: Han, kana, Bopomofo and Hangul mix in CJK text.
hb_script_t run_class(hb_script_t sc) { return is_cjk(sc) ? HB_SCRIPT_HAN : sc; }

bool is_neutral(hb_script_t sc) {
    return sc == HB_SCRIPT_COMMON || sc == HB_SCRIPT_INHERITED || sc == HB_SCRIPT_UNKNOWN;
}

/// The CJK list a document language selects (style.h, FallbackFamilies); kNoList for a
/// language not written in Han, kana or Hangul: its text then decides (Impl::cjk_list).
List cjk_list_for(std::string_view lang) {
    std::string l;
    for (char c : lang) l += c == '_' ? '-' : ascii::to_lower(c);
    const std::string primary = l.substr(0, l.find('-'));
    if (primary == "ja") return kCjkJp;
    if (primary == "ko") return kCjkKr;
    if (primary == "zh" || primary == "yue") {
        const bool traditional = primary == "yue" || l.find("-hant") != std::string::npos ||
                                 l.find("-tw") != std::string::npos || l.find("-hk") != std::string::npos ||
                                 l.find("-mo") != std::string::npos;
        return traditional ? kCjkTc : kCjkSc;
    }
    return kNoList;
}

/// The language of CJK text set from a CJK list: selects the regional glyph forms ('locl')
/// of pan-CJK fonts such as Noto Sans CJK.
const char* cjk_language(List list) {
    switch (list) {
    case kCjkSc: return "zh-Hans";
    case kCjkTc: return "zh-Hant";
    case kCjkKr: return "ko";
    default: return "ja";
    }
}

/// Punctuation of ambiguous East Asian width (UAX #11): quotes, dashes, the ellipsis, the
/// middle dot. Narrow in Latin text, full width in CJK text.
bool is_ambiguous_punctuation(char32_t cp) {
    return u_ispunct(static_cast<UChar32>(cp)) &&
           u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_EAST_ASIAN_WIDTH) == U_EA_AMBIGUOUS;
}

/// The script of a character, ICU's, as HarfBuzz packs it (Common for none).
hb_script_t icu_script(char32_t cp) {
    UErrorCode err = U_ZERO_ERROR;
    const UScriptCode sc = uscript_getScript(static_cast<UChar32>(cp), &err);
    const char* tag = U_SUCCESS(err) ? uscript_getShortName(sc) : nullptr;
    return tag ? hb_script_from_string(tag, -1) : HB_SCRIPT_COMMON;
}

/// Characters a font need not have: HarfBuzz hides them when it lacks them (ZWJ, ZWNJ,
/// variation selectors, tags).
bool ignorable(char32_t cp) {
    return u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

/// An extended grapheme cluster (UAX #29): [begin, end), its first character, and whether it
/// presents as an emoji (UTS #51: emoji presentation by default or by VS16, a skin tone, a
/// keycap, a ZWJ sequence of pictographs, a flag).
struct Cluster {
    std::size_t begin = 0;
    std::size_t end = 0;
    char32_t base = 0;
    bool emoji = false;
};

int break_class(char32_t cp) {
    return u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_GRAPHEME_CLUSTER_BREAK);
}

bool pictographic(char32_t cp) {
    return u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_EXTENDED_PICTOGRAPHIC);
}

Cluster next_cluster(std::string_view text, std::size_t pos) {
    Cluster c;
    c.begin = pos;
    c.base = utf8::decode(text, pos);
    // ASCII before ASCII is always a boundary, except CR LF: most text needs no lookups.
    if (c.base < 0x80 && (pos == text.size() || static_cast<unsigned char>(text[pos]) < 0x80)) {
        c.end = pos + (c.base == '\r' && pos < text.size() && text[pos] == '\n' ? 1 : 0);
        return c;
    }
    int prev = break_class(c.base);
    bool pict = pictographic(c.base);  // ExtPict Extend* so far (GB11)
    bool pict_zwj = false;             // ExtPict Extend* ZWJ so far
    int regional = prev == U_GCB_REGIONAL_INDICATOR ? 1 : 0;
    c.emoji = prev == U_GCB_REGIONAL_INDICATOR ||
              u_hasBinaryProperty(static_cast<UChar32>(c.base), UCHAR_EMOJI_PRESENTATION);
    while (pos < text.size()) {
        std::size_t next = pos;
        const char32_t cp = utf8::decode(text, next);
        const int cur = break_class(cp);
        const bool cur_pict = pictographic(cp);
        bool join;
        if (prev == U_GCB_CR) {
            join = cur == U_GCB_LF;  // GB3
        } else if (prev == U_GCB_CONTROL || prev == U_GCB_LF || cur == U_GCB_CONTROL || cur == U_GCB_CR ||
                   cur == U_GCB_LF) {
            join = false;  // GB4, GB5
        } else {
            join = (prev == U_GCB_L && (cur == U_GCB_L || cur == U_GCB_V || cur == U_GCB_LV || cur == U_GCB_LVT)) ||
                   ((prev == U_GCB_LV || prev == U_GCB_V) && (cur == U_GCB_V || cur == U_GCB_T)) ||
                   ((prev == U_GCB_LVT || prev == U_GCB_T) && cur == U_GCB_T) ||           // GB6-8
                   cur == U_GCB_EXTEND || cur == U_GCB_ZWJ || cur == U_GCB_SPACING_MARK ||  // GB9, 9a
                   prev == U_GCB_PREPEND ||                                                // GB9b
                   (pict_zwj && cur_pict) ||                                               // GB11
                   (cur == U_GCB_REGIONAL_INDICATOR && regional % 2 == 1);                 // GB12, 13
        }
        if (!join) break;
        if (cp == 0xFE0F || cp == 0x20E3 || (pict_zwj && cur_pict) ||
            u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_EMOJI_MODIFIER))
            c.emoji = true;
        if (cp == 0xFE0E) c.emoji = false;  // VS15 asks for text presentation
        pict_zwj = pict && cur == U_GCB_ZWJ;
        pict = cur_pict || (pict && cur == U_GCB_EXTEND);
        if (cur == U_GCB_REGIONAL_INDICATOR) ++regional;
        prev = cur;
        pos = next;
    }
    c.end = pos;
    return c;
}

/// What a shaping depends on besides its text (Shaper::shape's cache).
struct ShapeKey {
    int face = 0;
    std::uint32_t script = 0;
    hb_language_t language = nullptr;  // HarfBuzz interns languages: equal tags, equal pointers
    bool ligatures = true;
    bool kerning = true;
    bool right_to_left = false;
    bool operator==(const ShapeKey&) const = default;
    std::uint64_t hash() const {
        return (static_cast<std::uint64_t>(face) << 35 | std::uint64_t{ligatures} << 34 | std::uint64_t{kerning} << 33 |
                std::uint64_t{right_to_left} << 32 | script) ^
               reinterpret_cast<std::uintptr_t>(language);
    }
};

/// Is `text` non-empty printable ASCII (U+0020..U+007E: single-character clusters, no emoji,
/// no default ignorables) that `face`, a face with outlines, has every character of?
bool all_printable_ascii_in(std::string_view text, const font::Face* face) {
    if (text.empty() || !face || !face->has_outlines()) return false;
    return std::all_of(text.begin(), text.end(), [face](char c) { return c >= 0x20 && c < 0x7F && face->covers(c); });
}

std::string code_point_name(char32_t cp) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(cp));
    return hex;
}

}  // namespace

struct Shaper::Impl {
    font::FontBook& book;
    std::vector<hb_font_t*> fonts;  // by face id
    StringTable<ShapeKey, Shaped> cache;
    std::set<char32_t> warned_missing;
    hb_buffer_t* buffer = hb_buffer_create();
    hb_unicode_funcs_t* unicode = hb_unicode_funcs_get_default();

    style::FallbackFamilies families;
    std::string lang;
    hb_language_t doc_language = nullptr;
    std::vector<hb_script_t> lang_scripts;  // the scripts the document language is written in
    List lang_cjk = kNoList;  // the CJK list the document language names, if it names one
    bool kana_nearby = false;  // Shaper::set_kana_nearby
    /// The OpenType language of CJK text set from each CJK list (kCjkSc ... kCjkKr).
    const std::array<hb_language_t, 4> cjk_languages{
        hb_language_from_string(cjk_language(kCjkSc), -1), hb_language_from_string(cjk_language(kCjkTc), -1),
        hb_language_from_string(cjk_language(kCjkJp), -1), hb_language_from_string(cjk_language(kCjkKr), -1)};
    const hb_language_t undetermined = hb_language_from_string("und", -1);

    /// The CJK list in use: the document language's, else Japanese beside kana and
    /// Simplified Chinese otherwise (Han text in an English document is most often Chinese).
    List cjk_list() const { return lang_cjk != kNoList ? lang_cjk : kana_nearby ? kCjkJp : kCjkSc; }

    /// A fallback list's faces in one style, resolved one family at a time as itemize needs
    /// them (a CJK collection is large to read); null for a family that is not installed.
    struct ListFaces {
        std::size_t resolved = 0;
        std::vector<const font::Face*> faces;
    };
    std::map<std::pair<List, font::FaceStyle>, ListFaces> list_faces;

    struct Use {
        std::size_t order;
        std::set<char32_t> code_points;
        SourceLocation first_use;
    };
    std::map<const font::Face*, Use> uses;

    explicit Impl(font::FontBook& b) : book(b) { configure({}, {}); }
    ~Impl() {
        for (hb_font_t* f : fonts)
            if (f) hb_font_destroy(f);
        hb_buffer_destroy(buffer);
    }

    void configure(const style::FallbackFamilies& f, std::string_view language) {
        families = f;
        lang = language;
        list_faces.clear();
        lang_cjk = cjk_list_for(lang);
        doc_language = lang.empty() ? undetermined : hb_language_from_string(lang.c_str(), -1);
        lang_scripts.clear();
        if (lang.empty()) return;
        // ICU knows the scripts of a language ("ja": Kana, Hira, Hani) through its likely
        // subtags; it reads locale ids with '_'.
        std::string locale = lang;
        std::replace(locale.begin(), locale.end(), '-', '_');
        UScriptCode codes[8];
        UErrorCode err = U_ZERO_ERROR;
        const int n = uscript_getCode(locale.c_str(), codes, 8, &err);
        for (int i = 0; U_SUCCESS(err) && i < n; ++i)
            if (const char* tag = uscript_getShortName(codes[i]))
                lang_scripts.push_back(hb_script_from_string(tag, -1));
    }

    hb_font_t* font_for(const font::Face& face) {
        const auto id = static_cast<std::size_t>(face.id());
        if (fonts.size() <= id) fonts.resize(id + 1, nullptr);
        if (!fonts[id]) {
            const std::span<const std::uint8_t> data = face.data();
            hb_blob_t* blob = hb_blob_create(reinterpret_cast<const char*>(data.data()),
                                             static_cast<unsigned>(data.size()),
                                             HB_MEMORY_MODE_READONLY, nullptr, nullptr);
            hb_face_t* hf = hb_face_create(blob, face.index());
            hb_font_t* font = hb_font_create(hf);
            // Shape in font units: positions are scaled to the size by the caller.
            const int upem = face.metrics().units_per_em;
            hb_font_set_scale(font, upem, upem);
            hb_face_destroy(hf);
            hb_blob_destroy(blob);
            fonts[id] = font;
        }
        return fonts[id];
    }

    hb_script_t script_of(char32_t cp) const { return hb_unicode_script(unicode, cp); }

    /// The OpenType language for text in `script` (Shaper::set_fallbacks).
    hb_language_t language_for(hb_script_t script) const {
        if (is_neutral(script) || script == HB_SCRIPT_INVALID) return doc_language;
        if (std::find(lang_scripts.begin(), lang_scripts.end(), script) != lang_scripts.end()) return doc_language;
        if (is_cjk(script)) return cjk_languages[cjk_list() - kCjkSc];
        return undetermined;
    }

    /// Face `i` of `list` in `style`; null when that family is not installed. Fallback
    /// families are optional, so a missing one is skipped without a diagnostic.
    const font::Face* list_face(List list, font::FaceStyle style, std::size_t i) {
        ListFaces& lf = list_faces[{list, style}];
        const std::vector<std::string>& names = families_of(families, list);
        while (lf.resolved <= i && lf.resolved < names.size()) {
            DiagnosticSink quiet;
            lf.faces.push_back(book.face(names[lf.resolved++], style, quiet));
        }
        return i < lf.faces.size() ? lf.faces[i] : nullptr;
    }

    void record_use(const font::Face* face, std::string_view cluster, const SourceLocation& where,
                    std::size_t offset) {
        auto it = uses.find(face);
        if (it == uses.end()) it = uses.emplace(face, Use{uses.size(), {}, shifted(where, offset)}).first;
        // Text measured before it is set (table columns, TOC entries) has no position: the
        // first use with one is the one to report.
        else if (it->second.first_use.line == 0 && where.line > 0) it->second.first_use = shifted(where, offset);
        for (std::size_t pos = 0; pos < cluster.size();) {
            const char32_t cp = utf8::decode(cluster, pos);
            if (!ignorable(cp) && face->covers(cp)) it->second.code_points.insert(cp);
        }
    }

    /// The face for a cluster, and whether it has every character of it.
    struct Choice {
        const font::Face* face = nullptr;
        bool whole = false;
    };
    /// `cjk_punctuation`: the cluster is punctuation among CJK text (itemize's rule), to be
    /// set in the CJK face rather than the primary one.
    Choice choose(std::string_view cluster, const Cluster& c, hb_script_t script, bool neutral, bool cjk_punctuation,
                  const font::Face* primary, const font::Face* run_face, const FallbackFaces& fallbacks,
                  font::FaceStyle style, const SourceLocation& where, std::size_t offset, DiagnosticSink& sink);

    /// `where` moved `offset` bytes to the right on its line (columns count bytes).
    static SourceLocation shifted(SourceLocation where, std::size_t offset) {
        if (where.line > 0) where.column += static_cast<std::uint32_t>(offset);
        return where;
    }
};

Shaper::Impl::Choice Shaper::Impl::choose(std::string_view cluster, const Cluster& c, hb_script_t script,
                                          bool neutral, bool cjk_punctuation, const font::Face* primary, const font::Face* run_face,
                                          const FallbackFaces& fallbacks, font::FaceStyle style,
                                          const SourceLocation& where, std::size_t offset, DiagnosticSink& sink) {
    const auto covers_all = [&](const font::Face* f) {
        for (std::size_t pos = 0; pos < cluster.size();) {
            const char32_t cp = utf8::decode(cluster, pos);
            if (!f->covers(cp) && !ignorable(cp)) return false;
        }
        return true;
    };
    const font::Face* full = nullptr;     // the first face with every character of the cluster
    const font::Face* partial = nullptr;  // else the first with its base character
    // A face without outlines is chosen only for an emoji, from the emoji list, and only a
    // colour bitmap face (drawn as pictures) while colour emoji are on; elsewhere it could not
    // be drawn at all.
    const auto consider = [&](const font::Face* f, bool bitmap_ok = false) {
        if (!f || full || !(f->has_outlines() || (bitmap_ok && f->color_bitmaps()))) return;
        if (covers_all(f))
            full = f;
        else if (!partial && f->covers(c.base))
            partial = f;
    };
    const auto consider_list = [&](List list) {
        const std::size_t n = families_of(families, list).size();
        const bool bitmap_ok = list == kEmoji && families.emoji_color;
        for (std::size_t i = 0; i < n && !full; ++i) consider(list_face(list, style, i), bitmap_ok);
    };

    // A CJK list's families that match the primary face in serif first (Noto Serif CJK beside
    // Noto Serif), then the others.
    const auto consider_cjk_list = [&](List list) {
        const std::size_t n = families_of(families, list).size();
        const bool serif = primary && primary->metrics().serif;
        for (const bool matching : {true, false})
            for (std::size_t i = 0; i < n && !full; ++i)
                if (const font::Face* f = list_face(list, style, i); f && (f->metrics().serif == serif) == matching)
                    consider(f);
    };
    const List cjk = cjk_list();
    const List list = cjk_punctuation ? cjk : list_for_script(script, cjk);

    if (c.emoji) consider_list(kEmoji);
    // Punctuation among CJK characters comes from the CJK face, full width, before the primary
    // face's proportional form (CLREQ, JLREQ: quotes and dashes are set on the ideographic grid).
    if (!cjk_punctuation) consider(primary);
    consider(run_face);
    if (list == cjk) {
        // Every CJK list after the chosen one: a pan-CJK font of another region beats none.
        consider_cjk_list(cjk);
        for (List l : {kCjkSc, kCjkTc, kCjkJp, kCjkKr})
            if (l != cjk) consider_cjk_list(l);
    } else if (list != kNoList) {
        consider_list(list);
    }
    if (cjk_punctuation) consider(primary);
    if (neutral) consider_list(kSymbols);
    if (!full && fallbacks)
        for (const font::Face* f : fallbacks()) consider(f);
    const std::string_view fc_lang = is_cjk(script) ? std::string_view(cjk_language(cjk)) : std::string_view(lang);
    if (!full) consider(book.fallback_for(c.base, style, fc_lang));

    // A cluster nothing covers stays in the run's face, unless that draws pictures (an emoji's).
    const font::Face* stay = run_face && run_face->has_outlines() ? run_face : primary;
    const font::Face* face = full ? full : partial ? partial : stay ? stay : run_face;
    if (face && face != primary) record_use(face, cluster, where, offset);
    if (full || !face) return {face, full != nullptr};
    // Characters left without a glyph show as .notdef: warned once each.
    // Text without a source position is measured or repeated (table columns, TOC entries, style
    // text): the warning is left to where the text is set from the source.
    if (where.line == 0) return {face, false};
    for (std::size_t pos = 0; pos < cluster.size();) {
        const char32_t cp = utf8::decode(cluster, pos);
        if (face->covers(cp) || ignorable(cp) || !warned_missing.insert(cp).second) continue;
        if (!book.fallback_for(cp, style, fc_lang))
            sink.warn("font.glyph", shifted(where, offset), "no font has a glyph for " + code_point_name(cp));
        else
            sink.warn("font.glyph", shifted(where, offset),
                      code_point_name(cp) + " is drawn as .notdef: no font has the whole sequence '" +
                          std::string(cluster) + "'");
    }
    return {face, false};
}

Shaper::Shaper(font::FontBook& book) : impl_(std::make_unique<Impl>(book)) {}
Shaper::~Shaper() = default;

void Shaper::set_fallbacks(const style::FallbackFamilies& families, std::string_view lang) {
    impl_->configure(families, lang);
}

const Shaped& Shaper::shape(const font::Face& face, std::string_view text, Features features,
                            std::uint32_t script, Direction direction) {
    const hb_language_t language = impl_->language_for(static_cast<hb_script_t>(script));
    const ShapeKey key{face.id(), script, language, features.ligatures, features.kerning,
                       direction == Direction::RightToLeft};
    if (const Shaped* known = impl_->cache.find(key, text)) return *known;

    hb_buffer_t* buf = impl_->buffer;
    hb_buffer_reset(buf);
    hb_buffer_add_utf8(buf, text.data(), static_cast<int>(text.size()), 0, static_cast<int>(text.size()));
    // One cluster per grapheme (a base with its marks): the PDF writer then gives each
    // multi-glyph cluster its text as /ActualText, which readers extract in order.
    hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
    // Default ignorables (ZWJ, variation selectors, soft hyphens) leave no glyph: HarfBuzz
    // would otherwise show them as a zero-advance space glyph, whose /W width in the PDF
    // overlaps the next character and makes text extraction drop real spaces.
    hb_buffer_set_flags(buf, HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES);
    if (script) hb_buffer_set_script(buf, static_cast<hb_script_t>(script));
    hb_buffer_set_direction(buf, direction == Direction::RightToLeft ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    // Always an explicit language: HarfBuzz's default comes from the process locale, and
    // output must not depend on it.
    hb_buffer_set_language(buf, language);
    hb_buffer_guess_segment_properties(buf);
    hb_feature_t feats[] = {
        {HB_TAG('l', 'i', 'g', 'a'), features.ligatures ? 1u : 0u, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
        {HB_TAG('c', 'l', 'i', 'g'), features.ligatures ? 1u : 0u, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
        {HB_TAG('k', 'e', 'r', 'n'), features.kerning ? 1u : 0u, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
    };
    hb_shape(impl_->font_for(face), buf, feats, 3);

    unsigned n = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);
    Shaped out;
    out.glyphs.resize(n);
    for (unsigned i = 0; i < n; ++i) {
        ShapedGlyph& g = out.glyphs[i];
        g.gid = info[i].codepoint;
        g.cluster = info[i].cluster;
        g.x_advance = pos[i].x_advance;
        g.x_offset = pos[i].x_offset;
        g.y_offset = pos[i].y_offset;
        g.unsafe_to_break = (hb_glyph_info_get_glyph_flags(&info[i]) & HB_GLYPH_FLAG_UNSAFE_TO_BREAK) != 0;
        out.advance += g.x_advance;
    }
    if (holds_enclosing_mark(text)) widen_to_ink(out, impl_->font_for(face), text);
    return impl_->cache.insert(key, text, std::move(out));
}

Itemization Shaper::itemize(std::string_view text, const font::Face* primary, const FallbackFaces& fallbacks,
                            font::FaceStyle style, const SourceLocation& where, DiagnosticSink& sink,
                            std::size_t offset, bool among_cjk) {
    Impl& im = *impl_;
    Itemization result;
    std::vector<Segment>& out = result.segments;
    if (all_printable_ascii_in(text, primary)) {
        // What the loop below finds for such text, without its lookups per character: one
        // segment in the primary face, Latin if it holds a letter (the rest of ASCII is Common).
        const bool letters = std::any_of(text.begin(), text.end(), [](char c) { return ascii::is_alpha(c); });
        out.push_back({0, text.size(), primary, letters ? static_cast<std::uint32_t>(HB_SCRIPT_LATIN) : 0u,
                       Direction::LeftToRight});
        return result;
    }
    hb_script_t run_script = HB_SCRIPT_COMMON;
    const font::Face* run_face = nullptr;

    for (std::size_t pos = 0; pos < text.size();) {
        const Cluster c = next_cluster(text, pos);
        pos = c.end;
        const hb_script_t sc = im.script_of(c.base);
        const bool neutral = is_neutral(sc);
        // A strong character of another script starts a new run: its face is chosen afresh.
        if (!neutral && run_script != HB_SCRIPT_COMMON && run_class(sc) != run_class(run_script)) run_face = nullptr;
        const bool whitespace = c.base == ' ' || c.base == '\t' || c.base == 0xA0;
        const bool cjk_punctuation = neutral && is_ambiguous_punctuation(c.base) &&
                                     (run_script != HB_SCRIPT_COMMON ? is_cjk(run_script)
                                                                     : letter_is_cjk(text.substr(c.end), false).value_or(among_cjk));
        const Impl::Choice choice =
            whitespace && run_face && run_face->has_outlines() && run_face->covers(c.base)
                ? Impl::Choice{run_face, true}
                : im.choose(text.substr(c.begin, c.end - c.begin), c, neutral ? run_script : sc, neutral,
                            cjk_punctuation, primary, run_face, fallbacks, style, where, offset + c.begin, sink);
        const font::Face* face = choice.face;
        if (face != primary || !choice.whole) result.primary_only = false;
        if (!neutral) {
            if (!out.empty() && run_script == HB_SCRIPT_COMMON && out.back().face == face)
                out.back().script = sc;  // a neutral prefix takes the script that follows it
            run_script = sc;
        }
        if (!out.empty() && out.back().face == face &&
            (neutral || out.back().script == static_cast<std::uint32_t>(sc) || out.back().script == 0)) {
            out.back().end = c.end;
            if (!neutral) out.back().script = sc;
        } else {
            out.push_back({c.begin, c.end, face, neutral ? 0u : static_cast<std::uint32_t>(sc),
                           Direction::LeftToRight});
        }
        run_face = face;
    }
    for (Segment& s : out) {
        if (s.script && hb_script_get_horizontal_direction(static_cast<hb_script_t>(s.script)) == HB_DIRECTION_RTL)
            s.direction = Direction::RightToLeft;
    }
    return result;
}

void Shaper::set_kana_nearby(bool kana) { impl_->kana_nearby = kana; }

bool holds_kana(std::string_view text) {
    // Kana lie in U+3040..U+31FF and U+FF66..U+FF9F: three-byte UTF-8 from 0xE3 on.
    if (std::none_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0xE3; }))
        return false;
    for (std::size_t pos = 0; pos < text.size();) {
        const hb_script_t sc = icu_script(utf8::decode(text, pos));
        if (sc == HB_SCRIPT_HIRAGANA || sc == HB_SCRIPT_KATAKANA) return true;
    }
    return false;
}

std::optional<bool> letter_is_cjk(std::string_view text, bool last) {
    std::optional<bool> found;
    for (std::size_t pos = 0; pos < text.size();) {
        const hb_script_t sc = icu_script(utf8::decode(text, pos));
        if (is_neutral(sc)) continue;
        found = is_cjk(sc);
        if (!last) break;
    }
    return found;
}

std::vector<FallbackUse> Shaper::fallback_uses() const {
    std::vector<FallbackUse> out(impl_->uses.size());
    for (const auto& [face, use] : impl_->uses) {
        FallbackUse& u = out[use.order];
        u.face = face;
        u.first_use = use.first_use;
        for (char32_t cp : use.code_points) {
            if (!u.ranges.empty() && u.ranges.back().second + 1 == cp)
                u.ranges.back().second = cp;
            else
                u.ranges.push_back({cp, cp});
        }
    }
    return out;
}

}  // namespace galley::shape
