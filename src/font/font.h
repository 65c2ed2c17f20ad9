// The font book: FreeType faces over bundled and system font files, their metrics and
// character coverage. The only module that sees FreeType and fontconfig.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "galley/diagnostic.h"
#include "galley/galley.h"

// fontconfig's configuration, as <fontconfig/fontconfig.h> declares it.
typedef struct _FcConfig FcConfig;

namespace galley::font {

/// Metrics of a face, in font units unless named otherwise (OpenType `head`, `hhea`, `OS/2`,
/// `post` tables). These are what a PDF FontDescriptor needs (PDF 32000-1, 9.8).
struct FaceMetrics {
    int units_per_em = 1000;
    int ascender = 0;    // typographic ascender (positive)
    int descender = 0;   // typographic descender (negative)
    int line_gap = 0;
    int cap_height = 0;
    int x_height = 0;
    int bbox[4] = {0, 0, 0, 0};  // xMin, yMin, xMax, yMax
    double italic_angle = 0;     // degrees, counter-clockwise from vertical (negative leans right)
    bool fixed_pitch = false;
    bool bold = false;
    bool italic = false;
    bool serif = false;
    std::string postscript_name;  // e.g. "NotoSerif-Bold"
    std::string family_name;      // e.g. "Noto Serif"
};

/// One face of a font file (a .ttf, or one face of a collection). Immutable once loaded, owned
/// by the FontBook; pointers stay valid for the book's life.
class Face {
public:
    ~Face();
    Face(const Face&) = delete;
    Face& operator=(const Face&) = delete;

    /// Stable small number, unique within the book (order of loading).
    int id() const { return id_; }
    /// The whole font file, for shaping (HarfBuzz blob) and subsetting (hb-subset); valid as
    /// long as the face.
    std::span<const std::uint8_t> data() const { return data_.bytes; }
    /// Face index inside a collection; 0 for a plain font file.
    unsigned index() const { return index_; }
    const std::string& path() const { return path_; }
    const FaceMetrics& metrics() const { return metrics_; }

    /// The nominal glyph for a code point through the font's cmap; 0 (.notdef) if none.
    /// Latin-1 (U+0000..U+00FF), most characters of most documents, is answered from a table
    /// made when the face is loaded (the per-face fast path of itemization and ToUnicode).
    std::uint32_t glyph_for(char32_t cp) const { return cp < latin1_.size() ? latin1_[cp] : cmap_glyph(cp); }
    bool covers(char32_t cp) const { return glyph_for(cp) != 0; }
    /// True when the face has outlines a PDF can embed: TrueType (glyf) or CFF. False for
    /// bitmap-only faces (CBDT colour emoji) and CFF2, which no PDF font type holds.
    bool has_outlines() const { return outlines_; }
    /// True for a face whose glyphs are colour bitmaps (PNG images in CBDT/CBLC, as Noto Color
    /// Emoji has them) and not outlines. Shaping treats it as any face; a writer draws each
    /// glyph as its picture. Its metrics come from the head and hhea tables.
    bool color_bitmaps() const { return color_bitmaps_; }
    /// Horizontal advance of a glyph in font units (hmtx), unhinted.
    int advance(std::uint32_t gid) const;
    std::uint32_t glyph_count() const;

private:
    friend class FontBook;
    Face() = default;
    // The file's bytes are declared first, so they outlive the FreeType face made from them.
    SharedBytes data_;
    std::uint32_t cmap_glyph(char32_t cp) const;
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::array<std::uint16_t, 256> latin1_{};  // glyph_for() of U+0000..U+00FF (glyph ids are 16-bit)
    int id_ = 0;
    unsigned index_ = 0;
    std::string path_;
    FaceMetrics metrics_;
    bool outlines_ = false;
    bool color_bitmaps_ = false;
};

/// Font weight/slant wanted for a piece of text.
struct FaceStyle {
    bool bold = false;
    bool italic = false;
    auto operator<=>(const FaceStyle&) const = default;
};

/// Finds and loads faces. Families resolve first in the bundled fonts folder by file name
/// (`<Family without spaces>-Regular.ttf`, `-Bold`, `-Italic`, `-BoldItalic`), then through
/// fontconfig among installed fonts; a family given as a path to a font file (.ttf, .otf, .ttc,
/// .otc; a face of a collection as `file.ttc#2`, 0-based) is used as is. A missing bold or
/// italic face falls back to the nearest style the family has.
///
/// A book is used by one thread at a time; separate books may be used concurrently (FreeType
/// face creation is serialised inside, fontconfig is thread safe).
class FontBook {
public:
    /// `use_system_fonts` false keeps the book away from fontconfig: families resolve only in
    /// `fonts_dir` or as font file paths, and fallback_for() finds nothing (RenderOptions).
    /// Font files come through `mapper` when it is set, else through `loader`.
    FontBook(FileLoader loader, std::string fonts_dir, bool use_system_fonts = true, FileMapper mapper = {});
    ~FontBook();
    FontBook(const FontBook&) = delete;
    FontBook& operator=(const FontBook&) = delete;

    /// Folders of font files (with their subfolders) searched before the bundled and installed
    /// fonts, by family name and for fallback, with or without system fonts. Set before the
    /// first lookup.
    void set_font_dirs(std::vector<std::string> dirs);

    /// The face of `family` in `style`, or nullptr if the family cannot be found or loaded
    /// (then an error is pushed to `sink`, naming the family and the files tried).
    const Face* face(const std::string& family, FaceStyle style, DiagnosticSink& sink);

    /// Loads one font file (face `index`); nullptr and an error in `sink` if unreadable.
    const Face* load_file(const std::string& path, unsigned index, DiagnosticSink& sink);

    /// An installed face (via fontconfig) with outlines that covers `cp` in roughly `style`,
    /// or nullptr (always, without system fonts). `lang` (BCP 47, may be empty) steers the choice where fonts differ by
    /// language, as CJK fonts do. Answers are cached per code point, style and language.
    const Face* fallback_for(char32_t cp, FaceStyle style, std::string_view lang = {});

    /// Every face loaded so far, in id order.
    const std::vector<std::unique_ptr<Face>>& faces() const { return faces_; }

private:
    /// The face fontconfig configuration `cfg` gives `family` in `style`, or nullptr.
    const Face* installed_face(FcConfig* cfg, const std::string& family, FaceStyle style, DiagnosticSink& sink);
    /// The best face of `cfg` with outlines that covers `cp`, or nullptr.
    const Face* fallback_in(FcConfig* cfg, char32_t cp, FaceStyle style, std::string_view lang);
    /// A font file's bytes, through the mapper or the loader; std::nullopt if unreadable.
    std::optional<SharedBytes> file_bytes(const std::string& path) const;
    bool can_read() const { return mapper_ || loader_; }

    struct Impl;
    std::unique_ptr<Impl> impl_;
    FileLoader loader_;
    FileMapper mapper_;
    std::string fonts_dir_;
    bool use_system_fonts_;
    std::vector<std::unique_ptr<Face>> faces_;
    std::map<std::pair<std::string, unsigned>, const Face*> by_path_;
    std::map<std::pair<std::string, FaceStyle>, const Face*> by_family_;
    std::map<std::tuple<char32_t, FaceStyle, std::string>, const Face*> by_char_;
};

/// A font family found by list_families(): where from ("bundled", "font-path", "installed"),
/// one of its files (the regular face where there is one) and how many faces it has.
struct FamilyListing {
    std::string family;
    std::string source;
    std::string file;
    std::size_t faces = 0;
};

/// The families in `bundled_dir`, in `font_dirs` and (with `system`) among installed fonts,
/// through fontconfig, sorted by family; a family found in several places is listed where a
/// FontBook would take it from (font folders, then bundled, then installed).
std::vector<FamilyListing> list_families(const std::string& bundled_dir, const std::vector<std::string>& font_dirs,
                                         bool system);

}  // namespace galley::font
