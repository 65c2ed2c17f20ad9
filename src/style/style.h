// Style: the declared keys (type, unit, default, doc), loading of styles/*.toml, the cascade
// default.toml < --style FILE < front matter [galley] table, and the computed Style that
// layout reads. Layout never parses a style file (compare WeasyPrint's computed values).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/geometry.h"
#include "doc/value.h"
#include "galley/diagnostic.h"
#include "galley/galley.h"

namespace galley::style {

/// An RGB colour from its hex form 0xRRGGBB, the way style files write it ("#rrggbb").
constexpr Color rgb(std::uint32_t hex) {
    return {((hex >> 16) & 0xFF) / 255.0, ((hex >> 8) & 0xFF) / 255.0, (hex & 0xFF) / 255.0};
}

/// How a block of text is set.
struct TextStyle {
    std::string family;   // a family name ("Noto Serif") or a font file path
    Pt size = 10;         // font size
    Pt leading = 12;      // baseline-to-baseline distance
    bool bold = false;
    bool italic = false;
    Color color;
    /// The leading as a multiple of the size when it was given that way (0 when it was given
    /// as a length), so that a later change of size alone keeps the leading in proportion.
    double leading_ratio = 0;
};

/// A text role whose leading is a multiple of its size.
inline TextStyle text_style(std::string family, Pt size, double leading_ratio, bool bold,
                            Color color) {
    return {std::move(family), size, size * leading_ratio, bold, false, color, leading_ratio};
}

/// Fallback font families per group of scripts (DESIGN.md section 3), tried in order for a
/// character the role's font lacks, before `Style::fallback_families`. A family that is not
/// installed is skipped. The CJK list used first is the one the document `lang` selects
/// (zh-Hans/zh-CN: SC; zh-Hant/zh-TW/zh-HK: TC; ja: JP; ko: KR; any other language: JP for a
/// paragraph with kana, else SC); within it, the families that match the primary face in
/// serif come first (shape::Shaper::itemize).
struct FallbackFamilies {
    std::vector<std::string> arabic = {"Noto Sans Arabic", "Noto Naskh Arabic"};
    std::vector<std::string> hebrew = {"Noto Sans Hebrew"};
    // Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam, Sinhala
    std::vector<std::string> indic = {
        "Noto Sans Devanagari", "Noto Sans Bengali", "Noto Sans Gurmukhi", "Noto Sans Gujarati",
        "Noto Sans Oriya",      "Noto Sans Tamil",   "Noto Sans Telugu",   "Noto Sans Kannada",
        "Noto Sans Malayalam",  "Noto Sans Sinhala"};
    // Thai, Lao, Khmer, Myanmar
    std::vector<std::string> southeast_asian = {"Noto Sans Thai", "Noto Sans Lao", "Noto Sans Khmer",
                                                "Noto Sans Myanmar"};
    std::vector<std::string> cjk_sc = {"Noto Sans CJK SC", "Noto Serif CJK SC"};
    std::vector<std::string> cjk_tc = {"Noto Sans CJK TC", "Noto Serif CJK TC"};
    std::vector<std::string> cjk_jp = {"Noto Sans CJK JP", "Noto Serif CJK JP"};
    std::vector<std::string> cjk_kr = {"Noto Sans CJK KR", "Noto Serif CJK KR"};
    // characters of no particular script: arrows, mathematical and technical symbols, dingbats
    std::vector<std::string> symbols = {"Noto Sans Symbols", "Noto Sans Symbols2", "Noto Sans Math",
                                        "DejaVu Sans", "Symbola"};
    // emoji: the colour bitmap font (CBDT, drawn as pictures) while `emoji_color`, else the
    // first monochrome outline font
    std::vector<std::string> emoji = {"Noto Color Emoji", "Noto Emoji", "Symbola"};
    /// Colour bitmap faces of `emoji` are used (fallback.emoji-color); false passes them over.
    bool emoji_color = true;
    bool operator==(const FallbackFamilies&) const = default;
};

/// The left, centre and right slots of a running header or footer line: text with
/// placeholders ("Page {page} of {pages}"), expanded by pagination for each page.
struct Slots {
    std::string left, center, right;
    bool any() const { return !left.empty() || !center.empty() || !right.empty(); }
    bool operator==(const Slots&) const = default;
};

/// A running header or footer: its text role, its slots for every page, and the slots for the
/// first page and for even pages, used instead (all three together) when any of them is set.
struct Furniture {
    Slots every;
    Slots first;
    Slots even;
    bool on_first_page = true;  // shown on page 1 at all
    Pt rule_width = 0;          // a rule under the header, over the footer; 0: none
    Color rule_color = rgb(0x999999);
    bool operator==(const Furniture&) const = default;
};

/// The computed style: every length in points, every colour resolved. The defaults here are
/// styles/default.toml (a unit test keeps the two equal), so a render without any style file
/// looks the same as one with it.
struct Style {
    // Page
    Size page{mm(210), mm(297)};          // page.size: A4
    // Sides of 39 mm give a measure of about 70 characters at 11 pt (60-75 reads best).
    Pt margin_top = mm(25), margin_bottom = mm(28), margin_left = mm(39), margin_right = mm(39);
    /// page.margin-inner/outer: when either is set, margin_left is the inner and margin_right
    /// the outer margin, and even pages are mirrored (their text area moves by right - left).
    std::optional<Pt> margin_inner, margin_outer;
    bool mirrored() const { return margin_inner.has_value() || margin_outer.has_value(); }
    std::string blank_page_text;  // page.blank-text: on a blank verso, centred

    // Text roles
    static constexpr Color kInk = rgb(0x1a1a1a);         // text
    static constexpr Color kHeadingInk = rgb(0x1d2b3a);  // a dark slate for headings and title
    static constexpr Color kQuietInk = rgb(0x4a4a4a);    // subtitle and meta lines

    // paragraphs, lists, quotes
    TextStyle body = text_style("Noto Serif", 11, 1.35, false, kInk);
    // h1..h6
    TextStyle heading[6] = {
        text_style("Noto Sans", 17, 1.2, true, kHeadingInk),  // well below the title's 26
        text_style("Noto Sans", 14, 1.2, true, kHeadingInk),
        text_style("Noto Sans", 12.5, 1.2, true, kHeadingInk),
        text_style("Noto Sans", 11, 1.2, true, kHeadingInk),
        text_style("Noto Sans", 10.5, 1.2, true, kHeadingInk),
        text_style("Noto Sans", 10, 1.2, true, kHeadingInk),
    };
    // code blocks (inline code uses code.family)
    TextStyle code = text_style("Noto Sans Mono", 8.5, 1.3, false, kInk);
    TextStyle title = text_style("Noto Sans", 26, 1.2, true, kHeadingInk);  // title block title
    // title block subtitle/description
    TextStyle subtitle = text_style("Noto Sans", 13, 1.3, false, kQuietInk);
    TextStyle meta = text_style("Noto Sans", 9.5, 1.4, false, kQuietInk);  // authors and date
    TextStyle footer = text_style("Noto Sans", 9, 1.2, false, kQuietInk);  // page numbers: dark enough to print
    TextStyle header = text_style("Noto Sans", 9, 1.2, false, kQuietInk);  // running heads
    TextStyle footnote = text_style("Noto Serif", 8.5, 1.3, false, kInk);
    Pt footnote_indent = 12;              // note text indent; the number sits right-aligned in it
    Pt footnote_spacing = 2;              // between two notes
    Pt footnote_space_above = 10;         // between the text and the rule above the notes
    Pt footnote_rule_length = mm(40);
    Pt footnote_rule_width = 0.5;
    TextStyle caption = text_style("Noto Sans", 9, 1.3, false, kQuietInk);  // figure captions
    Pt figure_space = 10;                 // above and below a figure
    Pt figure_caption_gap = 4;            // between a picture and its caption
    bool figure_float = false;            // text may fill the space a too-tall figure leaves
    double figure_max_width = 1.0;        // widest a figure is by default, a share of the text width
    bool figure_numbering = true;         // "Figure 3." and "Table 1." before captions
    std::string figure_label = "Figure";  // the word before a figure's number
    std::string table_label = "Table";    // the word before a table's number

    double inline_code_scale = 0.9;       // inline code size relative to the surrounding text
    std::string math_family = "Latin Modern Math";  // a face with an OpenType MATH table
    bool math_numbered = false;           // display formulas without \tag get (1), (2), ...
    Color inline_code_background = rgb(0xefefef);
    Color mark_background = rgb(0xfff0a0);  // <mark>
    Color link_color = rgb(0x1a4f9c);

    Pt paragraph_spacing = 6;             // space after a paragraph
    Pt block_spacing = 10;                // above and below tables, block quotes and code blocks
    bool h1_new_page = false;             // each h1 but the first starts a page
    bool h1_odd_page = false;             // ... an odd page (h1.new-page = "odd")
    int widows = 2;                       // fewest lines of a paragraph at a page top
    int orphans = 2;                      // fewest lines of a paragraph at a page bottom
    Pt heading_space_before[6] = {24, 18, 14, 12, 10, 10};
    Pt heading_space_after[6] = {10, 7, 5, 4, 3, 3};
    bool justify = true;                  // body text justified or ragged right

    Pt list_indent = 18;                  // indentation per list level
    Pt list_item_spacing = 2;             // extra space between items of a loose list
    Pt quote_indent = 14;
    Pt quote_bar_width = 2;
    Color quote_bar_color = rgb(0xc4c4c4);
    Color quote_text_color = rgb(0x444444);
    Pt callout_bar_width = 3;
    /// Callout colours: note, tip, important, warning, caution (GitHub's alert kinds).
    std::array<Color, 5> callout_colors = {rgb(0x0969da), rgb(0x1a7f37), rgb(0x8250df), rgb(0x9a6700), rgb(0xcf222e)};

    Color code_background = rgb(0xf5f5f5);
    Pt code_padding = 6;
    bool code_continuation_hook = true;   // hook drawn before a wrapped code line's continuation
    int code_keep_lines = 8;              // code blocks this short never split across pages
    int code_tab_size = 4;                // cells between tab stops in code blocks, 1..16
    bool code_line_numbers = false;       // number the lines of every code block (a fence may say otherwise)
    bool pdf_tagged = true;               // write a tagged PDF (structure tree, marked content)
    bool code_highlight = true;           // colour code blocks by their fence's language
    std::string code_theme = "print";    // highlighting theme: "print" or a KSyntaxHighlighting theme

    Pt rule_width = 0.5;                  // thematic breaks
    Color rule_color = rgb(0x999999);

    TextStyle table = text_style("Noto Serif", 9.5, 1.3, false, kInk);  // table cells
    bool table_header_bold = true;        // header row in bold
    Pt table_padding_x = 4;               // between a cell's text and its column's edges
    Pt table_padding_y = 2.5;             // between a cell's text and its row's edges
    Pt table_rule_width = 0.8;            // above and below a table, and below its header row
    Color table_rule_color = rgb(0x555555);
    Pt table_row_rule_width = 0.3;        // between body rows; 0: none
    Color table_row_rule_color = rgb(0xc8c8c8);
    bool table_zebra = false;             // shade every other body row
    Color table_zebra_color = rgb(0xf2f2f2);

    bool footer_page_numbers = true;      // draw the footer at all
    Pt footer_offset = mm(12);            // baseline of the footer above the paper's bottom edge
    Furniture footer_slots{{"", "{page-label}", ""}, {}, {}, true, 0, rgb(0x999999)};
    Pt header_offset = mm(13);            // baseline of the header below the paper's top edge
    Furniture header_slots{{}, {}, {}, false, 0, rgb(0x999999)};

    bool title_page = false;              // the title block on a page of its own
    std::string title_logo;               // a picture above the title on the title page
    Pt title_logo_height = mm(20);        // the logo's largest height
    std::string abstract_title = "Abstract";
    /// Pages before the body (title page, contents) numbered i, ii, ... and the body from 1
    /// ("roman"), or all pages from 1 ("continuous").
    std::string front_matter_numbering = "roman";

    int toc_depth = 3;                    // deepest heading level listed in the contents
    bool toc_top_bold = true;             // top-level entries in bold
    Pt toc_group_space = 6;               // extra space above each top-level entry but the first

    bool number_sections = false;         // number headings: 1, 1.1, 1.1.1
    std::string number_format = "1.1";    // the first character per level kind: 1 A a I i
    int number_depth = 3;                 // headings with more parts than this stay unnumbered

    std::string draft_text = "DRAFT";
    Color draft_color = rgb(0xc0392b);
    Pt draft_size = 14;

    std::string toc_title = "Contents";
    PdfStandard pdf_standard;  // none: a plain PDF
    std::string lang = "en-US";
    bool smart = false;  // smart punctuation (inline/smart.h); off: the test contract prints quotes as typed
    bool pandoc = false;  // pandoc's Markdown where it differs from GFM (markdown::Dialect)
    FallbackFamilies fallback;  // per script, tried first
    // tried in order for characters the role's font and the script's fallback families lack
    std::vector<std::string> fallback_families = {"Noto Sans", "DejaVu Sans"};

    // Handouts (print.*): imposition, crop marks, bleed
    std::string print_layout = "none";    // none, 2up, 4up, booklet
    std::optional<Size> print_sheet;      // absent: the page size
    Pt print_gutter = 0;
    bool print_frame = false;
    bool print_crop_marks = false;
    Pt print_bleed = 0;

    Pt text_width() const { return page.width - margin_left - margin_right; }
    Pt text_height() const { return page.height - margin_top - margin_bottom; }
};

/// One declared key: its dotted name in the TOML file, type, unit and a line of doc. The table
/// of these is the single source of truth; docs/STYLE-KEYS.md and `galley --list-style-keys`
/// print it with key_table_markdown().
struct KeyInfo {
    std::string name;         // "page.margin-top"
    // "length", "leading", "number", "bool", "string", "color", "list", "page-size", "pdf-standard"
    std::string type;
    std::string default_text; // as written in styles/default.toml
    std::string doc;
};

/// Every declared key, in the order of styles/default.toml.
const std::vector<KeyInfo>& declared_keys();

/// Applies a table of style keys (a parsed style file or the front matter `galley` table) on
/// top of `style`. Lengths accept numbers (points) or strings with a unit: "12pt", "25mm",
/// "2.5cm", "1in". Colours accept "#rrggbb" and "#rgb". A leading is a length, or a number
/// below 4 meaning a multiple of the size (kept in proportion when a later layer changes only
/// the size). Shorthands (page.margins) apply before the keys they abbreviate, whatever the
/// order in the table. An unknown key or a bad value is a warning at the value's location, and
/// the key is skipped. Applying layers in turn is the cascade: later layers win.
void apply(Style& style, const doc::Value& table, DiagnosticSink& sink);

/// The value the last of `layers` that sets `key` ("body.font") gives it, or nullptr. A layer
/// may nest the key (TOML `[body]`, `body.font`) or hold it whole (YAML `body.font:`).
const doc::Value* last_set(std::span<const doc::Value> layers, std::string_view key);

/// `layer` with every font file path it names (`*.font` keys and `fallback.*` lists: "x.ttf",
/// "fonts/y.ttc#1") that is relative made relative to `base_dir`, the folder of the file the
/// layer came from: a style's fonts travel with the style, a document's with the document.
/// Family names, absolute paths and other keys stay as they are.
doc::Value with_font_paths_resolved(const doc::Value& layer, const std::string& base_dir);

/// Reports geometry no document can be set in as `style.geometry` errors at the key that made
/// it (the first of the keys involved that the last layer setting any of them sets): a page
/// side outside 72–14400 pt (1–200 in, PDF's limit), a text area or code column under 72 pt, a
/// font size over half its measure (a line holds at least two ems), a leading taller than the
/// text area. Checked once after the cascade, so that no line-filling loop meets a measure it
/// cannot fill.
void check_geometry(const Style& style, std::span<const doc::Value> layers, DiagnosticSink& sink);

/// Warns (style.furniture) at the key about a header or footer placeholder galley does not know
/// (it is printed as written) and about a header or footer that reaches into the text area.
void check_furniture(const Style& style, std::span<const doc::Value> layers, DiagnosticSink& sink);

/// Sets the page size by name ("a3", "a4", "a5", "letter", "legal", case-insensitive), turned
/// to landscape with a "-landscape" suffix ("a4-landscape"); "landscape" alone turns the page
/// the style has. False (and the style unchanged) when the name is unknown.
bool set_paper(Style& style, std::string_view name);

/// Why `text` is not a length as style keys take it ("3mm", "12pt"), or "" when it is one (the
/// command line checks --gutter and --bleed with it).
std::string length_problem(std::string_view text);

/// The declared keys as a Markdown table (key, type, default, description).
std::string key_table_markdown();

}  // namespace galley::style
