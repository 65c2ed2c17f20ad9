// galley's own PDF fonts (DESIGN.md section 5): one Type0 font with Identity-H encoding and a
// CIDFontType2 descendant per font::Face, where CID = the face's glyph id. It records the glyphs
// the pages use, their /W widths and ToUnicode texts, and at the end embeds an hb-subset font
// program. Private to pdf/.
#pragma once

#include <hpdf.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "font/font.h"
#include "frame/frame.h"

struct hb_face_t;

namespace galley::pdf {

class CidFont {
public:
    /// Creates the Type0 font dict as an indirect object, so pages can name it in their
    /// resources at once; the descendant, descriptor and streams come from finish(). Returns
    /// null and sets `why` when the face cannot be embedded (no TrueType outlines), or null
    /// with `why` empty when libharu failed (its error handler has the reason).
    static std::unique_ptr<CidFont> create(const font::Face& face, HPDF_Doc doc, std::string& why);
    ~CidFont();
    CidFont(const CidFont&) = delete;
    CidFont& operator=(const CidFont&) = delete;

    /// The Type0 font dict for HPDF_Page_GetLocalFontName.
    HPDF_Dict dict() const { return type0_; }

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
    /// keeps the first text it was given. Returns false when a glyph already maps to other
    /// text, i.e. this cluster extracts wrongly without /ActualText.
    bool map_cluster(std::span<const frame::Glyph> glyphs, std::string_view text) {
        return glyphs.size() == 1 ? map_text(glyphs[0].gid, text) : map_glyphs(glyphs, text);
    }

    /// Subsets the face to the used glyphs (hb-subset; glyph ids renumbered, so a /CIDToGIDMap
    /// stream maps the CIDs, which are the original ids) and builds the CIDFontType2 dict with
    /// /W, the FontDescriptor, /FontFile2 and the ToUnicode CMap. Call once, after the last
    /// page and before saving. Returns an error message, empty on success.
    std::string finish();

    /// "ABCDEF+PostScriptName", set by finish(); the tag is a hash of the used glyph set.
    const std::string& base_font() const { return base_font_; }

private:
    CidFont(const font::Face& face, HPDF_Doc doc);
    int width_of(std::uint32_t gid) const;
    bool map_glyphs(std::span<const frame::Glyph> glyphs, std::string_view text);
    bool map_text(std::uint32_t gid, std::string_view text) {
        TextRef& ref = text_refs_[gid < text_refs_.size() ? gid : 0];
        if (ref.offset == kUnmapped) {
            ref = {static_cast<std::uint32_t>(texts_.size()), static_cast<std::uint32_t>(text.size())};
            texts_.append(text);
            return true;
        }
        return std::string_view(texts_).substr(ref.offset, ref.length) == text;
    }
    std::string to_unicode_cmap() const;
    std::string w_array() const;

    const font::Face& face_;
    HPDF_Doc doc_;
    hb_face_t* hb_face_ = nullptr;
    HPDF_Dict type0_ = nullptr;
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
    /// Raw "/W [...]" entry of the CIDFont dict; libharu writes it at save (attach_raw_entries).
    std::string w_entry_;
};

}  // namespace galley::pdf
