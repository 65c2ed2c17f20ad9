// galley's own PDF fonts (DESIGN.md section 5): one Type0 font with Identity-H encoding per
// font::Face, where CID = the face's glyph id, with a CIDFontType2 descendant for TrueType
// outlines or a CIDFontType0 for CFF outlines (PDF 32000-1, 9.7.4). It records the glyphs the
// pages use, their /W widths and ToUnicode texts, and at the end embeds an hb-subset font
// program. Private to pdf/.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "font/font.h"
#include "frame/frame.h"
#include "pdf/object_writer.h"

struct hb_face_t;
struct hb_font_t;

namespace galley::pdf {

class CidFont {
public:
    /// Reserves the Type0 font's object number in `out`, so pages can name it in their
    /// resources at once; the font's objects are written by finish(). Returns null and sets
    /// `why` when the face cannot be embedded (neither glyf nor CFF outlines: CFF2, sbix). A
    /// colour bitmap face (font::Face::color_bitmaps) is embedded with empty outlines: its
    /// glyphs are drawn as pictures, and the font carries their text, set invisibly.
    static std::unique_ptr<CidFont> create(const font::Face& face, ObjectWriter& out, std::string& why);
    ~CidFont();
    CidFont(const CidFont&) = delete;
    CidFont& operator=(const CidFont&) = delete;

    /// The Type0 font's object number, for page resources.
    ObjRef ref() const { return type0_; }

    struct Used {
        std::uint16_t cid;  // what the content stream shows (2 bytes, Identity-H)
        int width;          // its /W width in thousandths of the em, rounded
    };
    /// Marks a glyph used. Ids beyond the face's glyph count become .notdef (CID 0).
    Used use(std::uint32_t gid) {
        const std::uint32_t cid = gid < widths_.size() ? gid : 0;
        if (widths_[cid] < 0) widths_[cid] = width_of(cid);
        return {static_cast<std::uint16_t>(cid), widths_[cid]};
    }

    /// Records the ToUnicode text of one cluster: `glyphs` (consecutive, logical order) show
    /// `text`. The first glyph maps to the whole text (a ligature to several characters), the
    /// others to nothing, unless each glyph is the face's nominal glyph of one character in
    /// turn (a base and its combining marks), when each maps to its own character. A glyph
    /// keeps the first text it was given. Returns false when the cluster needs /ActualText to
    /// extract right: when a glyph already maps to other text, and for every cluster of
    /// several glyphs (a base with marks, a conjunct, a reordered vowel sign, an emoji
    /// sequence). Their ToUnicode texts either leave glyphs without text, which readers take
    /// for a gap and extract as a space (हि न्दी), or rely on readers placing zero-width marks
    /// by position, which they do unreliably (pdftotext moves a Thai tone mark drawn at the end
    /// of its base onto the next line).
    bool map_cluster(std::span<const frame::Glyph> glyphs, std::string_view text) {
        if (glyphs.size() == 1) return map_text(glyphs[0].gid, text);
        map_glyphs(glyphs, text);
        return false;
    }

    /// Subsets the face to the used glyphs (hb-subset; glyph ids renumbered, never retained)
    /// and builds the descendant CIDFont dict with /W, the FontDescriptor, the font program and
    /// the ToUnicode CMap. The CIDs stay the original glyph ids: TrueType embeds the subset as
    /// /FontFile2 with a /CIDToGIDMap stream; CFF embeds the subset's CFF table rewritten as a
    /// CID-keyed CFF whose charset gives each glyph its original id as CID, as /FontFile3
    /// /Subtype /CIDFontType0C (a CIDFontType0 has no /CIDToGIDMap). Call once, after the last
    /// page, writing through `out`. With `every_glyph` (PDF/A-2u, ISO 19005-2 6.2.11.7.2), a
    /// used glyph that no cluster gave text (the second glyph of a conjunct, a stretched
    /// delimiter's part) maps to the character whose nominal glyph it is, else to U+FFFD: such
    /// glyphs always stand inside an /ActualText span, which gives their text when extracted.
    /// Returns an error message, empty on success.
    std::string finish(ObjectWriter& out, bool every_glyph = false);

    /// "ABCDEF+PostScriptName", set by finish(); the tag is a hash of the used glyph set.
    const std::string& base_font() const { return base_font_; }

private:
    explicit CidFont(const font::Face& face);
    int width_of(std::uint32_t gid) const;
    void map_glyphs(std::span<const frame::Glyph> glyphs, std::string_view text);
    bool map_text(std::uint32_t gid, std::string_view text) {
        TextRef& ref = text_refs_[gid < text_refs_.size() ? gid : 0];
        if (ref.offset == kUnmapped) {
            ref = {static_cast<std::uint32_t>(texts_.size()), static_cast<std::uint32_t>(text.size())};
            texts_.append(text);
            return true;
        }
        return std::string_view(texts_).substr(ref.offset, ref.length) == text;
    }
    std::string to_unicode_cmap(bool every_glyph) const;
    std::string w_array() const;

    const font::Face& face_;
    hb_face_t* hb_face_ = nullptr;
    hb_font_t* hb_font_ = nullptr;
    bool cff_ = false;  // CFF outlines (CIDFontType0), else TrueType (CIDFontType2)
    bool empty_outlines_ = false;  // a colour bitmap face: glyf and loca made empty at finish()
    ObjRef type0_ = 0;
    /// Per glyph id: /W width once used, -1 while unused.
    std::vector<int> widths_;
    /// Per glyph id: its ToUnicode text as a slice of texts_; offset kUnmapped while none.
    struct TextRef {
        std::uint32_t offset;
        std::uint32_t length;
    };
    static constexpr std::uint32_t kUnmapped = 0xFFFFFFFF;
    std::vector<TextRef> text_refs_;
    std::string texts_;
    std::string base_font_;
};

}  // namespace galley::pdf
