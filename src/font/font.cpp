// FreeType faces, metrics from the OpenType tables, and family lookup (bundled, then fontconfig).
#include "font/font.h"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include FT_ADVANCES_H
#include FT_TRUETYPE_TAGS_H

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <optional>

#include "base/ascii.h"
#include "base/font_path.h"

namespace galley::font {

namespace {

/// One FreeType library per process: FT_Library is not thread safe, so faces are only used
/// from the thread that renders, and creation is serialised.
FT_Library freetype() {
    static FT_Library lib = [] {
        FT_Library l = nullptr;
        FT_Init_FreeType(&l);
        return l;
    }();
    return lib;
}

std::mutex& freetype_mutex() {
    static std::mutex m;
    return m;
}

std::string without_spaces(const std::string& s) {
    std::string out;
    for (char c : s)
        if (c != ' ') out += c;
    return out;
}

const char* style_suffix(FaceStyle s) {
    if (s.bold && s.italic) return "BoldItalic";
    if (s.bold) return "Bold";
    if (s.italic) return "Italic";
    return "Regular";
}

/// A configuration of only the font files in `dirs` and their subfolders; null when there are
/// none. The files are added one by one: a folder added whole makes fontconfig write a cache
/// for it, and complain on stderr where it cannot (a read-only home, CI).
FcConfig* folders_config(const std::vector<std::string>& dirs) {
    if (dirs.empty()) return nullptr;
    FcConfig* cfg = FcConfigCreate();
    namespace fs = std::filesystem;
    for (const std::string& dir : dirs) {
        std::error_code ec;
        std::vector<std::string> files;
        for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
             !ec && it != end; it.increment(ec))
            if (it->is_regular_file(ec) && font_path::font_file(it->path().string())) files.push_back(it->path().string());
        std::sort(files.begin(), files.end());  // the same order on every machine
        for (const std::string& file : files) FcConfigAppFontAddFile(cfg, reinterpret_cast<const FcChar8*>(file.c_str()));
    }
    return cfg;
}

bool has_sfnt_table(FT_Face ft, FT_ULong tag) {
    FT_ULong length = 0;
    return FT_Load_Sfnt_Table(ft, tag, 0, nullptr, &length) == 0 && length > 0;
}

/// The em, ascender, descender and line gap of a bitmap-only face from its head and hhea
/// tables: FreeType leaves them 0 for a face it does not scale.
void read_bitmap_face_metrics(FT_Face ft, FaceMetrics& m) {
    const auto* head = static_cast<const TT_Header*>(FT_Get_Sfnt_Table(ft, FT_SFNT_HEAD));
    const auto* hhea = static_cast<const TT_HoriHeader*>(FT_Get_Sfnt_Table(ft, FT_SFNT_HHEA));
    if (head && head->Units_Per_EM > 0) m.units_per_em = head->Units_Per_EM;
    if (hhea) {
        m.ascender = hhea->Ascender;
        m.descender = hhea->Descender;
        m.line_gap = hhea->Line_Gap;
    }
    if (head) {
        m.bbox[0] = head->xMin;
        m.bbox[1] = head->yMin;
        m.bbox[2] = head->xMax;
        m.bbox[3] = head->yMax;
    }
}

}  // namespace

struct Face::Impl {
    FT_Face ft = nullptr;
    ~Impl() {
        if (ft) {
            std::lock_guard lock(freetype_mutex());
            FT_Done_Face(ft);
        }
    }
};

Face::~Face() = default;

std::uint32_t Face::cmap_glyph(char32_t cp) const { return FT_Get_Char_Index(impl_->ft, cp); }

int Face::advance(std::uint32_t gid) const {
    FT_Fixed adv = 0;
    FT_Get_Advance(impl_->ft, gid, FT_LOAD_NO_SCALE, &adv);
    return static_cast<int>(adv);
}

std::uint32_t Face::glyph_count() const { return static_cast<std::uint32_t>(impl_->ft->num_glyphs); }

struct FontBook::Impl {
    bool fc_ready = false;
    FcConfig* fc = nullptr;
    std::vector<std::string> font_dirs;
    bool dirs_ready = false;
    FcConfig* dirs_fc = nullptr;  // the font folders alone, without the machine's configuration
    ~Impl() {
        if (fc) FcConfigDestroy(fc);
        if (dirs_fc) FcConfigDestroy(dirs_fc);
    }
    /// The machine's fonts.
    FcConfig* config() {
        if (!fc_ready) {
            fc_ready = true;
            fc = FcInitLoadConfigAndFonts();
        }
        return fc;
    }
    /// The fonts of the font folders; null when there are none.
    FcConfig* dirs_config() {
        if (!dirs_ready) {
            dirs_ready = true;
            dirs_fc = folders_config(font_dirs);
        }
        return dirs_fc;
    }
    /// Best file of `cfg` for a pattern; empty if fontconfig has nothing that matches `family`
    /// (fontconfig always returns *some* font, so the family name is checked).
    std::pair<std::string, unsigned> match(FcConfig* cfg, FcPattern* pat, const std::string* family) {
        if (!cfg) return {};
        FcConfigSubstitute(cfg, pat, FcMatchPattern);
        FcDefaultSubstitute(pat);
        FcResult res;
        FcPattern* found = FcFontMatch(cfg, pat, &res);
        std::pair<std::string, unsigned> out;
        if (found) {
            FcChar8* file = nullptr;
            FcChar8* fam = nullptr;
            int index = 0;
            const bool family_ok =
                !family || (FcPatternGetString(found, FC_FAMILY, 0, &fam) == FcResultMatch &&
                            FcStrCmpIgnoreCase(fam, reinterpret_cast<const FcChar8*>(family->c_str())) == 0);
            if (family_ok && FcPatternGetString(found, FC_FILE, 0, &file) == FcResultMatch) {
                FcPatternGetInteger(found, FC_INDEX, 0, &index);
                out = {reinterpret_cast<const char*>(file), static_cast<unsigned>(index)};
            }
            FcPatternDestroy(found);
        }
        return out;
    }
};

FontBook::FontBook(FileLoader loader, std::string fonts_dir, bool use_system_fonts, FileMapper mapper)
    : impl_(std::make_unique<Impl>()),
      loader_(std::move(loader)),
      mapper_(std::move(mapper)),
      fonts_dir_(std::move(fonts_dir)),
      use_system_fonts_(use_system_fonts) {}

FontBook::~FontBook() = default;

std::optional<SharedBytes> FontBook::file_bytes(const std::string& path) const {
    if (mapper_) return mapper_(path);
    std::optional<Bytes> bytes = loader_ ? loader_(path) : std::nullopt;
    if (!bytes) return std::nullopt;
    return SharedBytes::holding(std::move(*bytes));
}

const Face* FontBook::load_file(const std::string& path, unsigned index, DiagnosticSink& sink) {
    if (auto it = by_path_.find({path, index}); it != by_path_.end()) return it->second;
    std::optional<SharedBytes> bytes = file_bytes(path);
    if (!bytes) {
        sink.error("font.unreadable", {path, 0, 0}, "cannot read font file '" + path + "'");
        by_path_[{path, index}] = nullptr;
        return nullptr;
    }
    auto face = std::unique_ptr<Face>(new Face());
    face->impl_ = std::make_unique<Face::Impl>();
    face->data_ = std::move(*bytes);
    face->index_ = index;
    face->path_ = path;
    FT_Error err;
    {
        std::lock_guard lock(freetype_mutex());
        err = FT_New_Memory_Face(freetype(), face->data_.bytes.data(),
                                 static_cast<FT_Long>(face->data_.bytes.size()),
                                 static_cast<FT_Long>(index), &face->impl_->ft);
    }
    // A colour bitmap face (CBDT) is not scalable to FreeType, but its PNG glyphs scale as
    // pictures: it is usable, and its metrics are read from its tables below.
    const bool color_bitmaps = !err && FT_HAS_COLOR(face->impl_->ft) && has_sfnt_table(face->impl_->ft, TTAG_CBDT) &&
                               has_sfnt_table(face->impl_->ft, TTAG_CBLC);
    if (err || !FT_IS_SFNT(face->impl_->ft) || (!FT_IS_SCALABLE(face->impl_->ft) && !color_bitmaps)) {
        sink.error("font.invalid", {path, 0, 0},
                   "'" + path + "' is not a usable OpenType/TrueType font (FreeType error " +
                       std::to_string(err) + ")");
        by_path_[{path, index}] = nullptr;
        return nullptr;
    }
    FT_Face ft = face->impl_->ft;
    face->outlines_ = has_sfnt_table(ft, TTAG_glyf) || has_sfnt_table(ft, TTAG_CFF);
    face->color_bitmaps_ = color_bitmaps && !face->outlines_;
    for (char32_t cp = 0; cp < face->latin1_.size(); ++cp)
        face->latin1_[cp] = static_cast<std::uint16_t>(face->cmap_glyph(cp));
    FaceMetrics& m = face->metrics_;
    m.units_per_em = ft->units_per_EM;
    m.ascender = ft->ascender;
    m.descender = ft->descender;
    m.line_gap = ft->height - ft->ascender + ft->descender;
    m.bbox[0] = static_cast<int>(ft->bbox.xMin);
    m.bbox[1] = static_cast<int>(ft->bbox.yMin);
    m.bbox[2] = static_cast<int>(ft->bbox.xMax);
    m.bbox[3] = static_cast<int>(ft->bbox.yMax);
    if (face->color_bitmaps_) read_bitmap_face_metrics(ft, m);
    m.fixed_pitch = FT_IS_FIXED_WIDTH(ft);
    m.bold = (ft->style_flags & FT_STYLE_FLAG_BOLD) != 0;
    m.italic = (ft->style_flags & FT_STYLE_FLAG_ITALIC) != 0;
    if (auto* os2 = static_cast<TT_OS2*>(FT_Get_Sfnt_Table(ft, FT_SFNT_OS2))) {
        if (os2->version >= 2) {
            m.cap_height = os2->sCapHeight;
            m.x_height = os2->sxHeight;
        }
        // Prefer the typographic metrics when the font asks for them (USE_TYPO_METRICS, bit 7).
        if (os2->fsSelection & (1 << 7)) {
            m.ascender = os2->sTypoAscender;
            m.descender = os2->sTypoDescender;
            m.line_gap = os2->sTypoLineGap;
        }
        // IBM font family class 1..7 are the serif classes.
        const int family_class = os2->sFamilyClass >> 8;
        m.serif = family_class >= 1 && family_class <= 7;
    }
    if (m.cap_height == 0) m.cap_height = m.ascender * 7 / 10;
    if (auto* post = static_cast<TT_Postscript*>(FT_Get_Sfnt_Table(ft, FT_SFNT_POST)))
        m.italic_angle = post->italicAngle / 65536.0;
    if (const char* ps = FT_Get_Postscript_Name(ft)) m.postscript_name = ps;
    if (m.postscript_name.empty()) m.postscript_name = "GalleyFont" + std::to_string(faces_.size());
    if (ft->family_name) m.family_name = ft->family_name;
    // Many fonts leave the IBM class at 0; the family name is the next best hint.
    if (!m.serif && m.family_name.find("Serif") != std::string::npos &&
        m.family_name.find("Sans") == std::string::npos)
        m.serif = true;

    face->id_ = static_cast<int>(faces_.size());
    const Face* result = face.get();
    faces_.push_back(std::move(face));
    by_path_[{path, index}] = result;
    return result;
}

void FontBook::set_font_dirs(std::vector<std::string> dirs) { impl_->font_dirs = std::move(dirs); }

const Face* FontBook::installed_face(FcConfig* cfg, const std::string& family, FaceStyle style, DiagnosticSink& sink) {
    if (!cfg) return nullptr;
    FcPattern* pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
    FcPatternAddInteger(pat, FC_WEIGHT, style.bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pat, FC_SLANT, style.italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
    auto [file, index] = impl_->match(cfg, pat, &family);
    FcPatternDestroy(pat);
    return file.empty() ? nullptr : load_file(file, index, sink);
}

const Face* FontBook::face(const std::string& family, FaceStyle style, DiagnosticSink& sink) {
    if (auto it = by_family_.find({family, style}); it != by_family_.end()) return it->second;
    const Face* found = nullptr;
    if (auto file = font_path::font_file(family)) {
        found = load_file(file->first, file->second, sink);
    } else {
        // The user's font folders first: a family named there is the one meant.
        found = installed_face(impl_->dirs_config(), family, style, sink);
        // Bundled: try the wanted style, then drop italic, then bold, then Regular.
        DiagnosticSink quiet;
        const FaceStyle order[] = {style, {style.bold, false}, {false, style.italic}, {false, false}};
        for (FaceStyle s : order) {
            if (found) break;
            const std::string path = fonts_dir_ + "/" + without_spaces(family) + "-" + style_suffix(s) + ".ttf";
            if (can_read()) found = load_file(path, 0, quiet);
        }
        if (!found && use_system_fonts_) found = installed_face(impl_->config(), family, style, sink);
        if (!found)
            sink.error("font.missing", {},
                       "font family '" + family + "' not found in " + fonts_dir_ +
                           (use_system_fonts_ ? " nor among installed fonts" : " (system fonts are off)"));
    }
    by_family_[{family, style}] = found;
    return found;
}

const Face* FontBook::fallback_for(char32_t cp, FaceStyle style, std::string_view lang) {
    auto [cached, inserted] = by_char_.try_emplace({cp, style, std::string(lang)}, nullptr);
    if (!inserted) return cached->second;
    const Face* found = fallback_in(impl_->dirs_config(), cp, style, lang);
    if (!found && use_system_fonts_) found = fallback_in(impl_->config(), cp, style, lang);
    return cached->second = found;
}

const Face* FontBook::fallback_in(FcConfig* cfg, char32_t cp, FaceStyle style, std::string_view lang) {
    if (!cfg) return nullptr;
    FcPattern* pat = FcPatternCreate();
    FcCharSet* cs = FcCharSetCreate();
    FcCharSetAddChar(cs, cp);
    FcPatternAddCharSet(pat, FC_CHARSET, cs);
    FcPatternAddInteger(pat, FC_WEIGHT, style.bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pat, FC_SLANT, style.italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
    FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
    if (!lang.empty()) {
        FcLangSet* ls = FcLangSetCreate();
        FcLangSetAdd(ls, reinterpret_cast<const FcChar8*>(std::string(lang).c_str()));
        FcPatternAddLangSet(pat, FC_LANG, ls);
        FcLangSetDestroy(ls);
    }
    FcConfigSubstitute(cfg, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    // Candidates best first; the first that covers the character with embeddable outlines
    // wins (fontconfig ranks a colour bitmap emoji font as high as an outline one).
    FcResult res;
    FcFontSet* candidates = FcFontSort(cfg, pat, FcTrue, nullptr, &res);
    const Face* found = nullptr;
    for (int i = 0; candidates && i < candidates->nfont && !found; ++i) {
        FcPattern* c = candidates->fonts[i];
        FcCharSet* charset = nullptr;
        FcChar8* file = nullptr;
        int index = 0;
        if (FcPatternGetCharSet(c, FC_CHARSET, 0, &charset) != FcResultMatch || !FcCharSetHasChar(charset, cp) ||
            FcPatternGetString(c, FC_FILE, 0, &file) != FcResultMatch)
            continue;
        FcPatternGetInteger(c, FC_INDEX, 0, &index);
        // A broken installed font is skipped quietly: the document did not ask for it.
        DiagnosticSink quiet;
        const Face* f = load_file(reinterpret_cast<const char*>(file), static_cast<unsigned>(index), quiet);
        if (f && f->has_outlines() && f->covers(cp)) found = f;
    }
    if (candidates) FcFontSetDestroy(candidates);
    FcCharSetDestroy(cs);
    FcPatternDestroy(pat);
    return found;
}

namespace {

/// Adds the families of `cfg`'s fonts not yet in `out`, as coming from `source`.
void add_families(FcConfig* cfg, const char* source, std::map<std::string, FamilyListing>& out) {
    if (!cfg) return;
    FcPattern* any = FcPatternCreate();
    FcObjectSet* fields = FcObjectSetBuild(FC_FAMILY, FC_STYLE, FC_FILE, FC_OUTLINE, nullptr);
    FcFontSet* fonts = FcFontList(cfg, any, fields);
    std::map<std::string, FamilyListing> found;
    for (int i = 0; fonts && i < fonts->nfont; ++i) {
        FcChar8 *family = nullptr, *file = nullptr, *style = nullptr;
        FcBool outline = FcFalse;
        if (FcPatternGetString(fonts->fonts[i], FC_FAMILY, 0, &family) != FcResultMatch ||
            FcPatternGetString(fonts->fonts[i], FC_FILE, 0, &file) != FcResultMatch ||
            (FcPatternGetBool(fonts->fonts[i], FC_OUTLINE, 0, &outline) == FcResultMatch && !outline))
            continue;  // a bitmap font cannot be a PDF font
        FamilyListing& f = found[reinterpret_cast<const char*>(family)];
        f.family = reinterpret_cast<const char*>(family);
        f.source = source;
        ++f.faces;
        const bool regular = FcPatternGetString(fonts->fonts[i], FC_STYLE, 0, &style) == FcResultMatch &&
                             std::string_view(reinterpret_cast<const char*>(style)) == "Regular";
        if (f.file.empty() || regular) f.file = reinterpret_cast<const char*>(file);
    }
    for (auto& [name, listing] : found) out.try_emplace(name, std::move(listing));
    if (fonts) FcFontSetDestroy(fonts);
    FcObjectSetDestroy(fields);
    FcPatternDestroy(any);
}


}  // namespace

std::vector<FamilyListing> list_families(const std::string& bundled_dir, const std::vector<std::string>& font_dirs,
                                         bool system) {
    std::map<std::string, FamilyListing> all;
    FcConfig* folders = folders_config(font_dirs);
    FcConfig* bundled = folders_config({bundled_dir});
    FcConfig* installed = system ? FcInitLoadConfigAndFonts() : nullptr;
    add_families(folders, "font-path", all);
    add_families(bundled, "bundled", all);
    add_families(installed, "installed", all);
    for (FcConfig* cfg : {folders, bundled, installed})
        if (cfg) FcConfigDestroy(cfg);
    std::vector<FamilyListing> out;
    for (auto& [name, listing] : all) out.push_back(std::move(listing));
    return out;
}

}  // namespace galley::font
