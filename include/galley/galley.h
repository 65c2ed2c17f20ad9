// The public entry point of the galley library: Markdown bytes in, PDF bytes out.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "galley/diagnostic.h"

namespace galley {

/// Version string of the library, e.g. "0.1.0".
const char* version();

using Bytes = std::vector<std::uint8_t>;

/// Reads a file the document needs (a font, a style, later an image) by path. Returns
/// std::nullopt when the file cannot be read. The library never touches the file system
/// itself: the caller decides where bytes come from (compare Typst's `World`).
using FileLoader = std::function<std::optional<Bytes>(const std::string& path)>;

/// Read-only bytes that stay valid as long as a copy of `owner` lives: a file mapped into
/// memory (then `owner` unmaps it), or bytes in memory that `owner` holds.
struct SharedBytes {
    std::span<const std::uint8_t> bytes;
    std::shared_ptr<const void> owner;

    /// Bytes in memory, held by the result.
    static SharedBytes holding(Bytes b) {
        auto held = std::make_shared<const Bytes>(std::move(b));
        return {std::span<const std::uint8_t>(*held), held};
    }
};

/// Makes a file's bytes available read-only by path, without copying them where it can (the
/// CLI maps a regular file with mmap); std::nullopt when the file cannot be read. A mapped
/// file must not be truncated while it is in use.
using FileMapper = std::function<std::optional<SharedBytes>(const std::string& path)>;

/// Receives a render's output as it is made, in order, so that a long document is never whole
/// in memory (RenderOptions::output_sink).
class OutputSink {
public:
    virtual ~OutputSink() = default;
    /// Appends `bytes`; false when they cannot be written (the render then fails, pdf.write).
    virtual bool write(std::string_view bytes) = 0;
    /// Drops everything written so far: the output starts again (a table of contents whose
    /// page numbers moved is laid out again). False when that cannot be done.
    virtual bool restart() = 0;
};

/// The PDF standards a render's output is made to meet and declares in its XMP metadata: PDF/A-2
/// (ISO 19005-2, for archiving) and PDF/UA-1 (ISO 14289-1, accessibility). The CLI's
/// --pdf-standard and the style key pdf.standard.
struct PdfStandard {
    /// PDF/A-2 conformance level: B keeps the appearance (an sRGB output intent, everything
    /// embedded, no forbidden features); U is B with every glyph mapped to Unicode.
    enum class Archive { None, A2b, A2u };
    Archive archive = Archive::None;
    /// PDF/UA-1: declared with pdfuaid:part 1, and the document's title shown in the window.
    bool ua1 = false;

    bool archival() const { return archive != Archive::None; }
    /// Whether the output must be a tagged PDF (a structure tree): PDF/UA-1 requires one.
    bool needs_tags() const { return ua1; }
    bool operator==(const PdfStandard&) const = default;
};

/// Reads a comma-separated list of standards, each "a-2b", "a-2u" or "ua-1" (any case, spaces
/// around the commas ignored; repeats allowed); an empty list means none. std::nullopt, with
/// `problem` saying why, for an unknown name or for both a-2b and a-2u (one PDF/A level).
std::optional<PdfStandard> parse_pdf_standard(std::string_view list, std::string& problem);

/// The list parse_pdf_standard() reads back: "a-2b,ua-1"; empty for none.
std::string to_string(const PdfStandard& standard);

/// Everything a render needs besides the Markdown text.
struct RenderOptions {
    /// Name used in diagnostics, e.g. "report.md" or "<stdin>".
    std::string source_name = "<stdin>";
    /// Folder relative paths in the document (images) are resolved against.
    std::string base_dir = ".";
    /// More folders relative picture paths are looked for in, in order, after `base_dir` (the
    /// CLI's --resource-path; what a document read from standard input needs).
    std::vector<std::string> resource_dirs;
    /// Folder of the bundled fonts (`fonts/`) and styles (`styles/`).
    std::string fonts_dir;
    std::string styles_dir;
    /// More folders of font files (searched with their subfolders, through fontconfig): their
    /// families are found by name before the bundled and installed ones, and take part in
    /// fallback, also without system fonts (the CLI's --font-path).
    std::vector<std::string> font_dirs;
    /// Contents of a user style file (TOML) layered over styles/default.toml, with its name (its
    /// path: a relative font file path in the style is relative to its folder, as one in the
    /// front matter is to `base_dir`).
    std::optional<std::string> style_toml;
    std::string style_name;
    /// Generate a table of contents after the title block (front matter `toc` also turns it on).
    bool toc = false;
    /// Paper name overriding the style's page size when set: "a3", "a4", "a5", "letter" or
    /// "legal", with "-landscape" to turn it ("a4-landscape"); "landscape" alone turns the style's
    /// page. An unknown name is an error (option.paper).
    std::optional<std::string> paper;
    /// Front matter values set from outside the document (the CLI's `-M key=value`), applied in
    /// order over the document's front matter once it is parsed, as if written there. A value is
    /// read as a scalar: `true`/`false`, an integer, a decimal number, else text (in double
    /// quotes it is text as written: `"1984"`). A dotted key sets a key in a nested table
    /// (`galley.page.size` = the style key `page.size` under `[galley]`). Diagnostics about these values
    /// (a wrong type) are located at the file "<command line>".
    std::vector<std::pair<std::string, std::string>> metadata;
    /// Folder of Liang hyphenation patterns (hyph_xx_YY.dic, as Debian's hyphen-* packages
    /// install them). Without patterns for the document language, words are not hyphenated.
    std::string hyphenation_dir = "/usr/share/hyphen";
    /// Break paragraphs with first fit instead of Knuth–Plass total fit (for comparison).
    bool first_fit = false;
    /// Collect line statistics (adjustment ratios) into RenderResult::line_stats.
    bool line_stats = false;
    /// Write a tagged PDF (structure tree, marked content; PDF/UA's base) unless false here (the
    /// CLI's --untagged) or the style key pdf.tagged is false.
    bool tagged = true;
    /// What RenderResult::pdf receives: the PDF, or a text dump of the laid-out frames (pages,
    /// fonts, glyph ids, positions in points with two decimals; format in
    /// src/framedump/framedump.h) for golden tests. Layout is the same either way.
    enum class Output { Pdf, FrameDump };
    Output output = Output::Pdf;
    /// Seconds since the Unix epoch used for the PDF CreationDate when the front matter has no
    /// date (SOURCE_DATE_EPOCH); without either, no date is written, so output is reproducible.
    std::optional<std::int64_t> source_date_epoch;
    /// Standards the PDF is made to meet, over the style's pdf.standard when set.
    std::optional<PdfStandard> pdf_standard;
    /// sRGB ICC profiles for the output intent of PDF/A (ISO 19005-2, 6.2.2), tried in order
    /// through `load_file`; the first that reads is embedded. None readable is an error
    /// (pdfa.profile) when PDF/A is asked for. Debian's icc-profiles-free, then colord-data's.
    std::vector<std::string> srgb_profiles = {"/usr/share/color/icc/sRGB.icc",
                                              "/usr/share/color/icc/colord/sRGB.icc"};
    /// Use the machine's installed fonts (through fontconfig) for families not found in
    /// `fonts_dir` and as the last fallback for characters no named font has. false makes the
    /// output independent of the machine: only the bundled fonts and font files named by path
    /// are used, a family found nowhere else is an error (font.missing), the style's optional
    /// fallback families that are not bundled are skipped, and a character none of those fonts
    /// has is drawn as .notdef with a font.glyph warning.
    bool use_system_fonts = true;
    FileLoader load_file;
    /// Where the output goes as it is made; null: into RenderResult::pdf. After an error the
    /// sink holds part of a document, which the caller discards (the CLI writes a temporary
    /// file and renames it only on success).
    OutputSink* output_sink = nullptr;
    /// Threads the render may use: 1 keeps everything on the calling thread; 2 or more write
    /// pages on a second thread while the next are laid out; 0 (the default) does so for a
    /// document of 64 KB or more (about 20 pages: a shorter one is done before the thread pays
    /// for itself) when the process may run on more than one core. The output is the same bytes
    /// either way.
    unsigned threads = 0;
    /// When set, font files come through this instead of `load_file`. A render uses a few
    /// tables and the glyphs it sets of each font, so a mapping pages in only those, where
    /// reading copies (and first zero-fills) every byte: 3.4 MB for a report's six faces.
    FileMapper map_file;
};

/// Figures about the lines of a render (with RenderOptions::line_stats).
struct LineStatistics {
    std::size_t lines = 0;
    std::size_t justified_lines = 0;    // lines stretched or shrunk to the measure
    double sum_squared_ratios = 0;      // over justified lines: lower is more even
    double max_ratio = 0;               // the loosest justified line's adjustment ratio
    std::size_t loose_lines = 0;        // justified lines with ratio > 1
    std::size_t emergency_lines = 0;    // lines set without a feasible break
    std::size_t hyphenated_lines = 0;
    std::size_t max_consecutive_hyphens = 0;
    std::size_t widows = 0;                // page breaks leaving too few lines at a page top
    std::size_t orphans = 0;               // page breaks leaving too few lines at a page bottom
    std::size_t headings_at_page_end = 0;  // pages ending with a heading
    std::size_t paragraphs = 0;            // paragraphs (and cells, captions...) of two lines or more
    /// Of those, the ones whose next-to-last line ends with a hyphen (TeX's \finalhyphendemerits).
    std::size_t final_hyphens = 0;
    /// Paragraphs of four lines or more whose last line is one word shorter than 15 % of the measure.
    std::size_t short_last_lines = 0;
    /// Counts of justified lines by ratio: < -0.5, -0.5..0, 0..0.5, 0.5..1, 1..2, >= 2.
    std::size_t histogram[6] = {0, 0, 0, 0, 0, 0};
};

/// What a render produced. `output_size` is 0 when an error stopped it; `diagnostics` holds every
/// warning and error with its location, in the order found.
struct RenderResult {
    /// The PDF, or the frame dump (UTF-8 text) with RenderOptions::Output::FrameDump; empty
    /// when it went to RenderOptions::output_sink.
    Bytes pdf;
    /// Bytes of output made (in `pdf` or given to the sink); 0 when an error stopped the render.
    std::uint64_t output_size = 0;
    LineStatistics line_stats;
    /// One line per fallback face the text needed, saying which characters it set and where
    /// they were first needed, e.g. "Noto Sans CJK SC (NotoSansCJK-Regular.ttc#2) for U+4E00–U+4E8C,
    /// U+3002; first at report.md:12:1". Empty when the role fonts covered everything.
    std::vector<std::string> fallback_report;
    /// Remarks worth a look but no warning (shown under -v), e.g. "code language 'foo' is not
    /// known; set plain; first at doc.md:12".
    std::vector<std::string> notes;
    /// Front matter keys of pandoc or Hugo that galley knows and does not use, each with where
    /// it was set: "documentclass (report.md:3)". `galley -v` lists them.
    std::vector<std::string> unused_keys;
    std::vector<Diagnostic> diagnostics;
    std::size_t page_count = 0;
    bool ok() const { return output_size > 0; }
};

/// A font family a render can use by name, and where it comes from.
struct FontFamilyInfo {
    std::string family;   // as a style names it: "Noto Serif"
    std::string source;   // "font-path" (RenderOptions::font_dirs), "bundled" or "installed"
    std::string file;     // one of its files, the regular face where there is one
    std::size_t faces = 0;
};

/// The families a render with `options` finds by name (`fonts_dir`, `font_dirs`, and installed
/// fonts when `use_system_fonts`), sorted by name; a family in several places is listed where
/// a render takes it from (font folders first, then bundled, then installed). Bitmap-only
/// fonts, which cannot be embedded, are left out.
std::vector<FontFamilyInfo> list_fonts(const RenderOptions& options);

/// Renders one Markdown document (CommonMark + GFM, optional front matter) to a PDF.
/// `markdown` may hold invalid UTF-8 (replaced by U+FFFD with a warning). Never throws:
/// problems with the input are reported as diagnostics, and an exception from inside (a bug in
/// galley, or one thrown by `options.load_file`) becomes an error diagnostic with code
/// `internal`; an error leaves `pdf` empty. docs/DIAGNOSTICS.md lists every code.
///
/// Thread safety: render() may run on several threads at once, with separate or shared
/// options. Each call builds its own font book, fontconfig configuration, shaping caches and
/// PDF writer, and may start one thread of its own for writing (RenderOptions::threads), which
/// it joins before returning; `output_sink` is only called from that thread or the caller's,
/// never from both at once. State shared between calls is created once under C++'s
/// thread-safe static initialisation and only read afterwards: the FreeType library (face
/// creation and disposal take a mutex), cmark-gfm's extension registry and the declared style
/// keys; ICU, HarfBuzz and fontconfig are thread safe. `options` is only read, so calls may
/// share one RenderOptions when its `load_file` and `map_file` may be called from several
/// threads at once. The output depends on no environment variable, clock or process locale.
RenderResult render(std::string_view markdown, const RenderOptions& options);

}  // namespace galley
