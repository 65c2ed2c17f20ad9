// The one job: Markdown bytes through every stage to PDF bytes (or a frame dump), collecting diagnostics.
#include <sched.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <optional>
#include <span>

#include "base/ascii.h"
#include "base/sniff.h"
#include "base/utf8.h"
#include "font/font.h"
#include "app/files.h"
#include "app/page_writer.h"
#include "frontmatter/frontmatter.h"
#include "inline/smart.h"
#include "galley/galley.h"
#include "highlight/highlight.h"
#include "impose/impose.h"
#include "layout/layout.h"
#include "linebreak/hyphenate.h"
#include "markdown/markdown.h"
#include "markdown/shortcodes.h"
#include "paginate/paginate.h"
#include "picture/vector.h"
#include "shape/breaks.h"
#include "shape/shape.h"
#include "style/style.h"

namespace galley {

const char* version() { return GALLEY_VERSION; }

namespace {

/// Passes of the table-of-contents fixed point: lay out, read the pages headings landed on,
/// lay out again while any number moved; one more for counting the pages ({pages}).
constexpr int kMaxTocPasses = 4;

/// From this size on (about 20 pages) a second thread for writing pays for starting it.
constexpr std::size_t kThreadedBytes = 64 << 10;

/// Bodies from this size on (about 1,200 pages) are read a section at a time
/// (markdown::SectionReader), which keeps memory flat at the cost of parsing twice.
constexpr std::size_t kSectionedBodyBytes = 4 << 20;

std::string join(const std::vector<std::string>& parts, const char* sep) {
    std::string out;
    for (const std::string& p : parts) {
        if (p.empty()) continue;
        if (!out.empty()) out += sep;
        out += p;
    }
    return out;
}

void flatten_outline(const layout::Flow& flow, std::vector<frame::OutlineEntry>& out) {
    out.clear();
    for (const layout::Heading& h : flow.headings) out.push_back({h.title, h.level, h.slug});
}

/// Liang patterns for `lang` from the hyphenation folder, through the loader. They are read
/// only when the first word asks for its hyphenation points; without patterns installed for
/// the language, no word has any, and `hyphenation.none` says so once at `where` (for languages
/// written in the alphabets galley hyphenates).
std::unique_ptr<linebreak::Hyphenator> hyphenator_for(const RenderOptions& options, const std::string& lang,
                                                      const SourceLocation& where, DiagnosticSink& sink) {
    if (!options.load_file || options.hyphenation_dir.empty()) return nullptr;
    auto source = [&options, lang, where, &sink]() -> std::optional<Bytes> {
        const std::vector<std::string> names = linebreak::pattern_files(lang);
        for (const std::string& name : names)
            if (auto bytes = options.load_file(options.hyphenation_dir + "/" + name)) return bytes;
        if (shape::writes_hyphenatable_script(lang))
            sink.warn("hyphenation.none", where,
                      "no hyphenation patterns for language '" + lang + "' (looked for " + join(names, ", ") + " in " +
                          options.hyphenation_dir + "); words are not hyphenated. Debian packages them as hyphen-*");
        return std::nullopt;
    };
    return std::make_unique<linebreak::Hyphenator>(source, 2, 3);
}

std::string code_point(char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

/// Which fallback faces set which characters (for `galley -v`).
std::vector<std::string> fallback_report(const shape::Shaper& shaper) {
    std::vector<std::string> out;
    for (const shape::FallbackUse& use : shaper.fallback_uses()) {
        if (!use.face) continue;
        const font::Face& f = *use.face;
        std::string file = f.path().substr(f.path().find_last_of('/') + 1);
        if (f.index() != 0) file += "#" + std::to_string(f.index());
        std::string line = f.metrics().family_name + " (" + file + ") for ";
        for (std::size_t i = 0; i < use.ranges.size(); ++i) {
            if (i > 0) line += ", ";
            if (i == 8) {
                line += "…";
                break;
            }
            line += code_point(use.ranges[i].first);
            if (use.ranges[i].second != use.ranges[i].first) line += "–" + code_point(use.ranges[i].second);
        }
        const SourceLocation& at = use.first_use;
        // Text without a source position is the title block's, from the front matter.
        line += at.line == 0 ? "; first in the title block"
                             : "; first at " + at.file + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
        out.push_back(std::move(line));
    }
    return out;
}

LineStatistics summarize(const inlines::LineStats& s) {
    LineStatistics out;
    out.lines = s.lines;
    out.justified_lines = s.ratios.size();
    out.emergency_lines = s.emergency_lines;
    out.hyphenated_lines = s.hyphenated_lines;
    out.max_consecutive_hyphens = s.max_consecutive_hyphens;
    out.paragraphs = s.paragraphs;
    out.final_hyphens = s.final_hyphens;
    out.short_last_lines = s.short_last_lines;
    for (float r : s.ratios) {
        out.sum_squared_ratios += static_cast<double>(r) * r;
        out.max_ratio = std::max(out.max_ratio, static_cast<double>(r));
        if (r > 1) ++out.loose_lines;
        const int bucket = r < -0.5 ? 0 : r < 0 ? 1 : r < 0.5 ? 2 : r < 1 ? 3 : r < 2 ? 4 : 5;
        ++out.histogram[bucket];
    }
    return out;
}

/// `text` without its stray control characters (utf8::is_stray_control: a pasted ESC sequence,
/// a NUL), or nullopt when it has none: they have no glyph and would reach the PDF's text as
/// garbage. Warned once per line, at the first one's column (columns count bytes).
std::optional<std::string> without_control_characters(std::string_view text, const std::string& file,
                                                      DiagnosticSink& sink) {
    std::string kept;
    std::uint32_t line = 1, warned_line = 0;
    std::size_t line_start = 0;
    bool any = false;
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t at = pos;
        const char32_t c = utf8::decode(text, pos);
        if (utf8::is_stray_control(c)) {
            if (!any) kept.assign(text, 0, at), any = true;
            if (warned_line != line) {
                char hex[8];
                std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(c));
                sink.warn("text.control", {file, line, static_cast<std::uint32_t>(at - line_start + 1)},
                          std::string("control character U+") + hex + " removed");
                warned_line = line;
            }
        } else if (any) {
            kept.append(text.substr(at, pos - at));
        }
        if (c == '\n') ++line, line_start = pos;
    }
    if (!any) return std::nullopt;
    return kept;
}

/// The words a document in the language of BCP 47 tag `lang` uses for its contents heading and
/// before figure and table numbers, if known.
struct LabelWords {
    std::string_view contents, figure, table;
};
std::optional<LabelWords> label_words(std::string_view lang) {
    std::string tag(lang);
    for (char& c : tag) c = ascii::to_lower(c);
    const std::string_view language = std::string_view(tag).substr(0, tag.find('-'));
    if (language == "zh") {
        const bool traditional = tag.find("hant") != std::string::npos || tag.ends_with("-tw") ||
                                 tag.ends_with("-hk") || tag.ends_with("-mo");
        return traditional ? LabelWords{"目錄", "圖", "表"} : LabelWords{"目录", "图", "表"};
    }
    static const std::pair<std::string_view, LabelWords> words[] = {
        {"en", {"Contents", "Figure", "Table"}},
        {"de", {"Inhalt", "Abbildung", "Tabelle"}},
        {"fr", {"Table des matières", "Figure", "Tableau"}},
        {"es", {"Índice", "Figura", "Tabla"}},
        {"it", {"Indice", "Figura", "Tabella"}},
        {"pt", {"Sumário", "Figura", "Tabela"}},
        {"nl", {"Inhoud", "Figuur", "Tabel"}},
        {"sv", {"Innehåll", "Figur", "Tabell"}},
        {"da", {"Indhold", "Figur", "Tabel"}},
        {"nb", {"Innhold", "Figur", "Tabell"}},
        {"no", {"Innhold", "Figur", "Tabell"}},
        {"fi", {"Sisällys", "Kuva", "Taulukko"}},
        {"pl", {"Spis treści", "Rysunek", "Tabela"}},
        {"cs", {"Obsah", "Obrázek", "Tabulka"}},
        {"sk", {"Obsah", "Obrázok", "Tabuľka"}},
        {"hu", {"Tartalom", "Ábra", "Táblázat"}},
        {"ro", {"Cuprins", "Figura", "Tabelul"}},
        {"tr", {"İçindekiler", "Şekil", "Tablo"}},
        {"el", {"Περιεχόμενα", "Σχήμα", "Πίνακας"}},
        {"ru", {"Содержание", "Рисунок", "Таблица"}},
        {"uk", {"Зміст", "Рисунок", "Таблиця"}},
        {"he", {"תוכן העניינים", "איור", "טבלה"}},
        {"ar", {"المحتويات", "شكل", "جدول"}},
        {"fa", {"فهرست مطالب", "شکل", "جدول"}},
        {"hi", {"विषय सूची", "चित्र", "तालिका"}},
        {"ja", {"目次", "図", "表"}},
        {"ko", {"목차", "그림", "표"}},
        {"th", {"สารบัญ", "รูปที่", "ตารางที่"}},
        {"vi", {"Mục lục", "Hình", "Bảng"}},
        {"id", {"Daftar isi", "Gambar", "Tabel"}},
    };
    for (const auto& [code, w] : words)
        if (code == language) return w;
    return std::nullopt;
}

/// Every font a style layer names must load: an error at the key's value otherwise (the font
/// book's own message cannot say where the name came from).
void check_fonts(font::FontBook& book, const std::vector<doc::Value>& layers, const RenderOptions& options,
                 DiagnosticSink& sink) {
    for (const style::KeyInfo& key : style::declared_keys()) {
        if (!key.name.ends_with(".font")) continue;
        const doc::Value* v = style::last_set(layers, key.name);
        const std::string* family = v ? v->as_string() : nullptr;
        if (!family) continue;
        // The built-in math font is optional: without it formulas are set as code after a
        // math.font warning, and documents without formulas never need it. One a style names
        // must load.
        if (key.name == "math.font" && *family == style::Style{}.math_family) continue;
        DiagnosticSink quiet;
        if (!book.face(*family, {}, quiet))
            sink.error("font.missing", v->location,
                       key.name + ": no font '" + *family + "': not a font file, and no such family in " +
                           options.fonts_dir +
                           (options.use_system_fonts ? " nor among installed fonts" : " (system fonts are off)"));
    }
}

/// The folder part of a file name ("styles/a.toml" -> "styles", "a.toml" -> ".").
std::string parent_folder(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

/// The PDF's Info dictionary and language from the front matter; the standards of the
/// options, else the style's.
frame::Info document_info(const doc::Metadata& m, const std::string& title, const std::string& lang,
                          const PdfStandard& standard, const RenderOptions& options) {
    frame::Info info;
    info.title = title;
    info.author = join(m.authors, ", ");
    info.subject = !m.description.empty() ? m.description : m.subtitle;
    std::vector<std::string> keywords = m.tags;
    for (const std::string& k : m.keywords)
        if (std::find(keywords.begin(), keywords.end(), k) == keywords.end()) keywords.push_back(k);
    info.keywords = join(keywords, ", ");
    info.creator = std::string("galley ") + version();
    info.lang = lang;
    info.standard = options.pdf_standard.value_or(standard);
    if (m.date && m.date->has_epoch)
        info.creation_epoch = m.date->epoch;
    else if (options.source_date_epoch)
        info.creation_epoch = options.source_date_epoch;
    return info;
}

/// What the standards asked for need before writing: PDF/A the bytes of an sRGB ICC profile
/// for its output intent, PDF/UA a title. False after an error.
bool prepare_standards(const RenderOptions& options, frame::Info& info, DiagnosticSink& sink) {
    // An error, not a warning: a file that declares PDF/UA-1 must meet it.
    if (info.standard.ua1 && info.title.empty()) {
        sink.error("pdfua.title", {options.source_name, 0, 0},
                   "PDF/UA-1 needs a document title (ISO 14289-1, 7.1): give the document a title in its front "
                   "matter or a first # heading");
        return false;
    }
    if (!info.standard.archival()) return true;
    // An ICC profile's header (ICC.1:2004-10, 7.2): 'acsp' at 36, the colour space at 16.
    const auto rgb_profile = [](const Bytes& b) {
        return b.size() >= 128 && std::memcmp(b.data() + 36, "acsp", 4) == 0 && std::memcmp(b.data() + 16, "RGB ", 4) == 0;
    };
    for (const std::string& path : options.srgb_profiles) {
        std::optional<Bytes> bytes = options.load_file ? options.load_file(path) : std::nullopt;
        if (bytes && rgb_profile(*bytes)) {
            info.output_profile = std::move(*bytes);
            return true;
        }
    }
    sink.error("pdfa.profile", {options.source_name, 0, 0},
               "PDF/A needs an sRGB ICC profile for its output intent, and none could be read as one (looked for " +
                   join(options.srgb_profiles, ", ") + "); Debian packages one as icc-profiles-free");
    return false;
}

/// A front matter value as header and footer text: a string, number, flag or date; nullopt
/// for a list, a table or nothing.
std::optional<std::string> value_text(const doc::Value* v) {
    if (!v) return std::nullopt;
    if (const std::string* s = v->as_string()) return *s;
    if (const std::int64_t* i = v->as_int()) return std::to_string(*i);
    if (const double* d = v->as_double()) {
        char text[32];
        std::snprintf(text, sizeof text, "%g", *d);
        return text;
    }
    if (const bool* b = v->as_bool()) return *b ? "true" : "false";
    if (const doc::DateTime* t = v->as_datetime()) return t->text;
    return std::nullopt;
}

/// The document's values for header and footer placeholders: {title} {subtitle} {author}
/// {date}, and {params.KEY} for any front matter value (Hugo's .Params: a `params` table's KEY,
/// else the top-level KEY; dots reach into tables).
std::function<std::optional<std::string>(std::string_view)> template_fields(const doc::Metadata& m,
                                                                           const std::string& title) {
    return [&m, title](std::string_view name) -> std::optional<std::string> {
        if (name == "title") return title;
        if (name == "subtitle") return m.subtitle;
        if (name == "author") return join(m.authors, ", ");
        if (name == "date") return m.date ? m.date->text.substr(0, 10) : "";
        if (!name.starts_with("params.")) return std::nullopt;
        std::string_view path = name.substr(7);
        const doc::Value* params = m.raw.find("params");
        for (const doc::Value* root : {params, &m.raw}) {
            const doc::Value* v = root;
            for (std::string_view rest = path; v && !rest.empty();) {
                const std::size_t dot = std::min(rest.find('.'), rest.size());
                v = v->find(rest.substr(0, dot));
                rest.remove_prefix(std::min(dot + 1, rest.size()));
            }
            if (std::optional<std::string> text = value_text(v)) return text;
        }
        return std::nullopt;
    };
}

/// Whether a header or footer prints the page count, which needs a pass to count the pages.
bool prints_page_count(const style::Style& st) {
    for (const style::Furniture* f : {&st.header_slots, &st.footer_slots})
        for (const style::Slots* s : {&f->every, &f->first, &f->even})
            for (const std::string* t : {&s->left, &s->center, &s->right})
                if (t->find("{pages}") != std::string::npos) return true;
    return false;
}

/// The cores this process may run on (its affinity mask: `taskset -c 0` gives one), at least 1.
unsigned available_cores() {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0) return 1;
    return static_cast<unsigned>(std::max(CPU_COUNT(&set), 1));
}

/// The input as text: an error for binary input (nullopt); invalid UTF-8 repaired and stray
/// control characters removed, with warnings, into `owned` when needed, so that a long
/// document is not held twice.
std::optional<std::string_view> readable_text(std::string_view markdown, const std::string& file, std::string& owned,
                                              DiagnosticSink& sink) {
    // A PDF, a picture or an archive given by mistake would be set as pages of garbage.
    if (const std::optional<sniff::Binary> binary = sniff::binary_kind(markdown)) {
        const std::string_view before = markdown.substr(0, binary->offset);
        const std::size_t line_start = before.rfind('\n') + 1;  // 0 when there is none
        sink.error("input.binary",
                   {file, static_cast<std::uint32_t>(std::count(before.begin(), before.end(), '\n') + 1),
                    static_cast<std::uint32_t>(binary->offset - line_start + 1)},
                   "this is " + binary->what + ", not a Markdown text file");
        return std::nullopt;
    }
    std::string_view text = markdown;
    if (!utf8::is_valid(markdown)) {
        utf8::Repaired repaired = utf8::repair(markdown);
        for (std::uint32_t line : repaired.bad_lines)
            sink.warn("utf8.invalid", {file, line, 0}, "invalid UTF-8 replaced by U+FFFD");
        owned = std::move(repaired.text);
        text = owned;
    }
    if (std::optional<std::string> kept = without_control_characters(text, file, sink)) {
        owned = std::move(*kept);
        text = owned;
    }
    return text;
}

/// The style cascade: built-in defaults < styles/default.toml < --style FILE < front matter,
/// with the command line's paper and the document's language. `layers` receives the layers
/// (for diagnostics that point at a key).
style::Style cascade(const doc::Metadata& metadata, const RenderOptions& options, std::vector<doc::Value>& layers,
                     DiagnosticSink& sink) {
    style::Style st;
    // A relative font path is relative to the file that names it.
    if (options.load_file) {
        const std::string path = options.styles_dir + "/default.toml";
        if (auto bytes = options.load_file(path))
            layers.push_back(style::with_font_paths_resolved(
                frontmatter::parse_toml(std::string(bytes->begin(), bytes->end()), path, sink), options.styles_dir));
    }
    const std::size_t user_layers = layers.size();  // the ones after default.toml
    if (options.style_toml)
        layers.push_back(style::with_font_paths_resolved(frontmatter::parse_toml(*options.style_toml, options.style_name, sink),
                                                         parent_folder(options.style_name)));
    if (!metadata.pandoc_style.is_null())
        layers.push_back(style::with_font_paths_resolved(metadata.pandoc_style, options.base_dir));
    if (!metadata.style_overrides.is_null())
        layers.push_back(style::with_font_paths_resolved(metadata.style_overrides, options.base_dir));
    for (const doc::Value& layer : layers) style::apply(st, layer, sink);
    // The contents heading and the caption labels speak the document's language, unless a
    // style or the front matter names them.
    if (const std::optional<LabelWords> w = label_words(metadata.lang); w && !metadata.lang.empty()) {
        const auto user_set = [&](const char* key) { return style::last_set(std::span(layers).subspan(user_layers), key); };
        if (!user_set("toc.title")) st.toc_title = w->contents;
        if (!user_set("figure.label")) st.figure_label = w->figure;
        if (!user_set("table.label")) st.table_label = w->table;
    }
    if (options.paper && !style::set_paper(st, *options.paper))
        sink.error("option.paper", {"<command line>", 0, 0},
                   "unknown paper size '" + *options.paper + "' (use a3, a4, a5, letter or legal, optionally with "
                   "-landscape)");
    if (!metadata.lang.empty()) st.lang = metadata.lang;
    return st;
}

/// The print.* keys as imposition options; pages run right to left on a sheet when the front
/// matter says the document is right to left (`dir = "rtl"`).
impose::Options imposition(const style::Style& st, const doc::Metadata& metadata) {
    impose::Options o;
    const std::pair<std::string_view, impose::Layout> layouts[] = {
        {"2up", impose::Layout::TwoUp}, {"4up", impose::Layout::FourUp}, {"booklet", impose::Layout::Booklet}};
    for (const auto& [name, layout] : layouts)
        if (st.print_layout == name) o.layout = layout;
    o.sheet = st.print_sheet;
    o.gutter = st.print_gutter;
    o.frame = st.print_frame;
    o.crop_marks = st.print_crop_marks;
    o.bleed = st.print_bleed;
    o.right_to_left = metadata.dir == doc::ParagraphDirection::RightToLeft;
    return o;
}

/// The front matter of `text` into `document.metadata` (with the -M values over it) and the
/// body, its Hugo shortcodes rewritten into Markdown (then held by `storage`); `body_line` is
/// the body's first line. nullopt after an error.
std::optional<std::string_view> front_matter_and_body(std::string_view text, const RenderOptions& options,
                                                      doc::Document& document, std::uint32_t& body_line,
                                                      std::string& storage, DiagnosticSink& sink) {
    const std::string& file = options.source_name;
    const frontmatter::Split split = frontmatter::split(text, file, sink);
    if (split.format != frontmatter::Format::None || !options.metadata.empty()) {
        doc::Value table;
        if (split.format != frontmatter::Format::None)
            table = frontmatter::parse(split.format, split.content, split.content_line, file, sink);
        if (sink.has_errors()) return std::nullopt;
        frontmatter::set_values(table, options.metadata, {"<command line>", 0, 0});
        document.metadata = frontmatter::to_metadata(table, file, sink);
    }
    if (sink.has_errors()) return std::nullopt;
    body_line = split.body_line;
    std::optional<std::string> rewritten = markdown::shortcodes::expand(split.body, split.body_line, file, document.metadata.raw, sink);
    if (sink.has_errors()) return std::nullopt;
    if (!rewritten) return split.body;
    storage = std::move(*rewritten);
    return std::string_view(storage);
}

/// Every stage in turn; stops at the first error, leaving `result.pdf` empty.
/// Whether the PDF is tagged, and whether pictures must have alt text (PDF/UA-1); false after
/// the error that PDF/UA-1 was asked of an untagged PDF.
bool choose_tagging(const style::Style& st, const RenderOptions& options, layout::Options& lo, DiagnosticSink& sink) {
    // Imposed sheets are for the printer: their reading order is the sheets', not the document's
    // (a booklet's first side holds its last page), so they are written untagged.
    lo.tagged = options.tagged && st.pdf_tagged && st.print_layout == "none";
    const PdfStandard standard = options.pdf_standard.value_or(st.pdf_standard);
    lo.require_alt_text = standard.ua1;
    if (!standard.needs_tags() || lo.tagged || options.output != RenderOptions::Output::Pdf) return true;
    sink.error("pdfua.untagged", {options.source_name, 0, 0},
               "PDF/UA-1 needs a tagged PDF (ISO 14289-1, 7.1), and this one is written untagged (" +
                   std::string(st.print_layout != "none" ? "imposed sheets, print.layout" : "--untagged or pdf.tagged") + ")");
    return false;
}

/// The page count, the front matter keys no one read, and with `stats` the line figures.
void report_pages(const paginate::Summary& pages, const doc::Metadata& metadata, const inlines::LineStats* stats,
                  RenderResult& result) {
    result.page_count = pages.pages;
    for (const auto& [key, at] : metadata.unused_keys)
        result.unused_keys.push_back(key + " (" + at.file + ":" + std::to_string(at.line) + ")");
    if (!stats) return;
    result.line_stats = summarize(*stats);
    result.line_stats.widows = pages.breaks.widows;
    result.line_stats.orphans = pages.breaks.orphans;
    result.line_stats.headings_at_page_end = pages.breaks.headings_at_page_end;
}

void run_stages(std::string_view markdown, const RenderOptions& options, DiagnosticSink& sink, RenderResult& result) {
    const std::string& file = options.source_name;

    std::string owned;
    const std::optional<std::string_view> checked = readable_text(markdown, file, owned, sink);
    if (!checked) return;
    const std::string_view text = *checked;

    doc::Document document;
    std::uint32_t body_line = 1;
    std::string expanded;
    const std::optional<std::string_view> read = front_matter_and_body(text, options, document, body_line, expanded, sink);
    if (!read) return;
    const std::string_view body = *read;
    if (!markdown::within_limits(body, body_line, file, sink)) return;

    std::vector<doc::Value> layers;
    const style::Style st = cascade(document.metadata, options, layers, sink);
    style::check_geometry(st, layers, sink);
    style::check_furniture(st, layers, sink);
    if (sink.has_errors()) return;

    // A long body without a table of contents or page count is read a section at a time as
    // layout goes; other bodies whole, since they are laid out more than once.
    const bool toc = options.toc || document.metadata.toc.value_or(false);
    const bool counts_pages = prints_page_count(st);
    const std::unique_ptr<markdown::SectionReader> sections =
        toc || counts_pages
            ? nullptr
            : markdown::SectionReader::open(body, body_line, file, sink, kSectionedBodyBytes, markdown::kSectionBytes,
                                            {.pandoc = st.pandoc});
    std::string h1;
    if (sections) {
        h1 = sections->start(document);
    } else {
        markdown::parse(body, body_line, file, document, sink, {.pandoc = st.pandoc});
        h1 = markdown::first_heading(document);
    }
    // Without a front matter title the first H1 names the PDF; it makes the title block only
    // when the document opens with it (then it is set once, as the title), since an H1 after
    // other text would otherwise show twice.
    const std::string pdf_title = !document.metadata.title.empty() ? document.metadata.title : h1;
    if (document.metadata.title.empty() && !document.blocks.empty() &&
        document.blocks.front().kind == doc::BlockKind::Heading && document.blocks.front().level == 1)
        document.metadata.title = pdf_title;

    // Fonts, shaping, layout and pagination; the TOC loop runs until page numbers settle.
    font::FontBook book(options.load_file, options.fonts_dir, options.use_system_fonts, options.map_file);
    book.set_font_dirs(options.font_dirs);
    check_fonts(book, layers, options, sink);
    if (sink.has_errors()) return;
    shape::Shaper shaper(book);
    shaper.set_fallbacks(st.fallback, st.lang);
    inlines::TypesetterSettings settings;
    const doc::Value* lang_value = document.metadata.raw.find("lang");
    const std::unique_ptr<linebreak::Hyphenator> hyphenator =
        hyphenator_for(options, st.lang, lang_value ? lang_value->location : SourceLocation{file, 1, 1}, sink);
    settings.hyphenator = hyphenator.get();
    settings.algorithm = options.first_fit ? linebreak::Algorithm::FirstFit : linebreak::Algorithm::TotalFit;
    inlines::LineStats stats;
    if (inlines::Typesetter probe(st, book, shaper, sink); !probe.face({st.body.family}) || !probe.face({st.code.family}))
        return;

    layout::Options lo;
    lo.toc = toc;
    if (!choose_tagging(st, options, lo, sink)) return;
    if (sections) lo.next_blocks = [&sections](std::vector<doc::Block>& blocks) { return sections->next(blocks); };
    lo.load_file = options.load_file;
    lo.base_dir = options.base_dir;
    lo.resource_dirs = options.resource_dirs;
    highlight::Highlighter highlighter(st.code_theme, app::module_file("highlight-ksh.so"));
    if (st.code_highlight) lo.highlighter = &highlighter;
    picture::VectorReader vectors(app::module_file("picture-vector.so"));
    lo.vectors = &vectors;
    paginate::Options po;
    po.draft = document.metadata.draft;
    // The PDF's title, and the running heads' {title}, read as the title block does.
    const std::string title = inlines::smarten(pdf_title, inlines::punctuation_for(st.lang, st.smart));
    po.field = template_fields(document.metadata, title);
    frame::Info info = document_info(document.metadata, title, st.lang, st.pdf_standard, options);
    info.tagged = lo.tagged;
    if (options.output == RenderOptions::Output::Pdf && !prepare_standards(options, info, sink)) return;

    // Each pass lays out, paginates and writes page by page, so a page's frames are freed as
    // soon as it is written. With a table of contents, a pass whose page numbers moved is done
    // again with the new numbers, its output dropped.
    app::Output output(options.output_sink, result.pdf);
    const bool threaded =
        options.threads >= 2 || (options.threads == 0 && markdown.size() >= kThreadedBytes && available_cores() > 1);
    std::map<std::string, int> anchor_pages;
    std::vector<std::string> labels;
    lo.anchor_pages = &anchor_pages;
    lo.page_labels = &labels;
    std::optional<paginate::Summary> pages;
    bool output_started = false;
    const int passes = (lo.toc ? kMaxTocPasses : 1) + (counts_pages ? 1 : 0);
    for (int pass = 0; pass < passes; ++pass) {
        if (output_started && !output.restart()) {
            sink.error("pdf.write", {}, "the output cannot be written again");
            return;
        }
        // Layout's warnings of later passes repeat those of the first; keep the first pass's
        // only. The writer's are those of the pass whose output is kept.
        DiagnosticSink pass_sink;
        DiagnosticSink& layout_sink = pass == 0 ? sink : pass_sink;
        DiagnosticSink writer_sink;
        stats = {};
        settings.stats = options.line_stats ? &stats : nullptr;
        inlines::Typesetter pass_ts(st, book, shaper, layout_sink, settings);
        layout::Layouter layouter(document, st, pass_ts, lo, layout_sink);
        // Until a pass has counted the pages, {pages} is unknown: that pass only counts, and
        // its pages are dropped as they come instead of written.
        if (counts_pages && po.last_number == 0) {
            pages = paginate::paginate(layouter, st, pass_ts, po, [](frame::Page&&) { return true; });
            if (!pages) break;
            anchor_pages = pages->anchor_pages;
            labels = pages->labels;
            po.last_number = std::max(pages->last_number, 1);
            continue;
        }
        app::PageWriter writer(options.output, output, info, writer_sink, threaded);
        output_started = true;
        impose::Imposer sheets(imposition(st, document.metadata), [&](frame::Page&& sheet) { return writer.add(std::move(sheet)); });
        pages = paginate::paginate(layouter, st, pass_ts, po, [&](frame::Page&& page) { return sheets.add(std::move(page)); });
        std::vector<frame::OutlineEntry> outline;
        flatten_outline(layouter.flow(), outline);
        const bool written = pages && sheets.finish() && writer.finish(outline, layouter.flow().structure);
        const bool settled = written && (!lo.toc || (pages->anchor_pages == anchor_pages && pages->labels == labels)) &&
                             (!counts_pages || pages->last_number == po.last_number);
        if (!written || settled || pass + 1 == passes) {
            for (const Diagnostic& d : writer_sink.items()) sink.push(d);
            if (!written && !sink.has_errors()) sink.error("pdf.write", {}, "the output cannot be written");
            break;
        }
        anchor_pages = pages->anchor_pages;
        labels = pages->labels;
        po.last_number = pages->last_number;
    }
    if (!pages && !sink.has_errors()) sink.error("pdf.write", {}, "the output cannot be written");
    if (sink.has_errors()) return;
    result.output_size = output.size();
    result.fallback_report = fallback_report(shaper);
    result.notes = highlighter.notes();
    report_pages(*pages, document.metadata, options.line_stats ? &stats : nullptr, result);
}

/// The diagnostic for an exception that escaped the stages: a fault of galley, not of the input.
Diagnostic internal_error(const RenderOptions& options, std::string_view what) {
    return {Severity::Error, "internal", {options.source_name, 0, 0},
            "internal error (a bug in galley; please report it with the document): " + std::string(what)};
}

}  // namespace

RenderResult render(std::string_view markdown, const RenderOptions& options) {
    RenderResult result;
    DiagnosticSink sink;
    // render() promises its caller not to throw: whatever escapes a stage (a bug, an exhausted
    // allocator, a throwing FileLoader) ends this render with an error, not the caller's program.
    try {
        run_stages(markdown, options, sink, result);
        if (sink.has_errors()) {
            result.pdf.clear();  // part of a document
            result.output_size = 0;
        }
    } catch (const std::exception& e) {
        result = {};
        sink.push(internal_error(options, e.what()));
    } catch (...) {
        result = {};
        sink.push(internal_error(options, "an exception of unknown type"));
    }
    result.diagnostics = sink.items();
    return result;
}

std::vector<FontFamilyInfo> list_fonts(const RenderOptions& options) {
    std::vector<FontFamilyInfo> out;
    for (font::FamilyListing& f : font::list_families(options.fonts_dir, options.font_dirs, options.use_system_fonts))
        out.push_back({std::move(f.family), std::move(f.source), std::move(f.file), f.faces});
    return out;
}

}  // namespace galley
