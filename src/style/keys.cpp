// The declared style keys: name, type, default (as written in styles/default.toml), a line of
// doc, and what each sets in Style. This table is the single source of truth for style keys.
#include "style/keys.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <span>

#include "style/values.h"

namespace galley::style {
namespace {

/// A key type: its name in KeyInfo and the reader of its values, kept together so the two
/// cannot disagree.
template <class T>
struct Kind {
    const char* type;
    Read<T> (*read)(const doc::Value&);
};
constexpr Kind<Pt> kLength{"length", read_length};
constexpr Kind<Pt> kFontSize{"length", read_font_size};
constexpr Kind<Leading> kLeading{"leading", read_leading};
constexpr Kind<double> kNumber{"number", read_scale};
constexpr Kind<Color> kColor{"color", read_color};
constexpr Kind<Size> kPageSize{"page-size", read_page_size};
constexpr Kind<bool> kBool{"bool", read_bool};
constexpr Kind<std::string> kText{"string", read_text};
constexpr Kind<std::string> kFamily{"string", read_family};
constexpr Kind<std::vector<std::string>> kFamilies{"list", read_families};
constexpr Kind<PdfStandard> kPdfStandard{"pdf-standard", read_pdf_standard};

/// A string that must be one of `choices` (a '|'-separated list).
template <const char* choices>
Read<std::string> read_choice(const doc::Value& v) {
    Read<std::string> r = read_text(v);
    if (!r.problem.empty()) return r;
    const std::string_view all = choices;
    for (std::size_t at = 0; at <= all.size();) {
        const std::size_t end = std::min(all.find('|', at), all.size());
        if (all.substr(at, end - at) == r.value) return r;
        at = end + 1;
    }
    return {{}, "expected one of " + std::string(all)};
}
constexpr char kLayouts[] = "none|2up|4up|booklet";
constexpr char kMarks[] = "none|crop";
constexpr Kind<std::string> kLayout{"layout", read_choice<kLayouts>};
constexpr Kind<std::string> kMarkKind{"marks", read_choice<kMarks>};

/// An empty string (not set) or a length.
Read<std::optional<Pt>> read_optional_length(const doc::Value& v) {
    if (const std::string* s = v.as_string(); s && s->empty()) return {};
    Read<Pt> r = read_length(v);
    if (!r.problem.empty()) return {{}, r.problem};
    return {r.value, {}};
}
constexpr Kind<std::optional<Pt>> kOptionalLength{"optional-length", read_optional_length};

/// An empty string (the default sheet) or a paper name as --paper takes it ("a3-landscape").
Read<std::optional<Size>> read_sheet(const doc::Value& v) {
    Read<std::string> r = read_text(v);
    if (!r.problem.empty()) return {{}, r.problem};
    if (r.value.empty()) return {};
    Style probe;
    if (!set_paper(probe, r.value)) return {{}, "unknown paper '" + r.value + "'; expected a3, a4, a5, letter or legal"};
    return {probe.page, {}};
}
constexpr Kind<std::optional<Size>> kSheet{"paper", read_sheet};

/// true, false, or "odd" (a new page that is odd: a right-hand page in a duplex print).
Read<int> read_new_page(const doc::Value& v) {
    if (const std::string* s = v.as_string()) {
        if (*s == "odd") return {2, {}};
        return {0, "expected true, false or \"odd\""};
    }
    Read<bool> r = read_bool(v);
    return {r.value ? 1 : 0, r.problem};
}
constexpr Kind<int> kNewPage{"new-page", read_new_page};

/// A list of family names as TOML writes it: ["A", "B"].
std::string toml_list(const std::vector<std::string>& names) {
    std::string out = "[";
    for (const std::string& n : names) out += (out.size() > 1 ? ", \"" : "\"") + n + "\"";
    return out + "]";
}

/// A key whose value, read as `kind`, is handed to `store(Style&, value)`.
template <class T, class Store>
Key key(const Kind<T>& kind, std::string name, std::string default_text, std::string doc,
        Store store, bool shorthand = false) {
    auto set = [read = kind.read, store](Style& style, const doc::Value& v) {
        Read<T> r = read(v);
        if (r.problem.empty()) store(style, r.value);
        return r.problem;
    };
    return {{std::move(name), kind.type, std::move(default_text), std::move(doc)}, set, shorthand};
}

// A role's size and leading stay consistent: a leading given as a multiple follows the size.
void set_size(TextStyle& t, Pt size) {
    t.size = size;
    if (t.leading_ratio > 0) t.leading = size * t.leading_ratio;
}
void set_leading(TextStyle& t, const Leading& l) {
    t.leading_ratio = l.ratio;
    t.leading = l.ratio > 0 ? l.ratio * t.size : l.length;
}

/// The text styles a role key sets: one, or all six heading levels.
using Roles = std::span<TextStyle> (*)(Style&);

/// A role key: `store(TextStyle&, value)` for each text style of the role.
template <class T, class Store>
Key role_key(const Kind<T>& kind, Roles roles, std::string name, std::string default_text,
             std::string doc, Store store) {
    return key(kind, std::move(name), std::move(default_text), std::move(doc),
               [roles, store](Style& s, const T& v) {
                   for (TextStyle& t : roles(s)) store(t, v);
               });
}

/// Defaults of a role's keys as written in default.toml; no size for the heading group, whose
/// sizes are per level.
struct RoleDefaults {
    std::string font, size, leading, bold, italic, color;
};

/// The keys every text role has: ROLE.font, .size, .leading, .bold, .italic, .color.
void add_role(std::vector<Key>& keys, const std::string& role, const std::string& what, Roles roles,
              const RoleDefaults& d) {
    keys.push_back(role_key(kFamily, roles, role + ".font", d.font,
                            "Font family of " + what + ": a family name or a font file path",
                            [](TextStyle& t, const std::string& f) { t.family = f; }));
    if (!d.size.empty())
        keys.push_back(
            role_key(kFontSize, roles, role + ".size", d.size, "Font size of " + what, set_size));
    keys.push_back(role_key(kLeading, roles, role + ".leading", d.leading,
                            "Baseline-to-baseline distance of " + what +
                                ": a length, or a number below 4 = a multiple of the size",
                            set_leading));
    keys.push_back(role_key(kBool, roles, role + ".bold", d.bold, "Set " + what + " in bold",
                            [](TextStyle& t, bool b) { t.bold = b; }));
    keys.push_back(role_key(kBool, roles, role + ".italic", d.italic, "Set " + what + " in italic",
                            [](TextStyle& t, bool b) { t.italic = b; }));
    keys.push_back(role_key(kColor, roles, role + ".color", d.color, "Text colour of " + what,
                            [](TextStyle& t, const Color& c) { t.color = c; }));
}

/// The per-level heading keys: hN.size, hN.space-before, hN.space-after.
void add_heading_level(std::vector<Key>& keys, int level, const std::string& size,
                       const std::string& before, const std::string& after) {
    const std::string h = "h" + std::to_string(level);
    const int i = level - 1;
    keys.push_back(key(kFontSize, h + ".size", size,
                       "Font size of level " + std::to_string(level) + " headings",
                       [i](Style& s, Pt v) { set_size(s.heading[i], v); }));
    keys.push_back(key(kLength, h + ".space-before", before, "Space above " + h + " headings",
                       [i](Style& s, Pt v) { s.heading_space_before[i] = v; }));
    keys.push_back(key(kLength, h + ".space-after", after,
                       "Space between " + h + " headings and what follows",
                       [i](Style& s, Pt v) { s.heading_space_after[i] = v; }));
}

/// The language, the page, and the text roles of paragraphs, headings and the title block.
void page_and_text_keys(std::vector<Key>& k) {
    k.push_back(
        key(kText, "lang", "\"en-US\"",
            "Document language (BCP 47) for hyphenation, when the front matter sets no lang",
            [](Style& s, const std::string& v) { s.lang = v; }));
    k.push_back(key(kBool, "smart", "false",
                    "Typographic quotes, apostrophes, dashes (-- and ---) and ellipses (...) in the "
                    "document language; never in code or URLs. Off by default: text prints, copies and "
                    "searches as typed",
                    [](Style& s, bool v) { s.smart = v; }));
    k.push_back(key(kBool, "pandoc", "false",
                    "Read pandoc's Markdown where it differs from GFM: `H~2~O` is a subscript and `x^2^` "
                    "a superscript; strikethrough then needs two tildes (`~~gone~~`)",
                    [](Style& s, bool v) { s.pandoc = v; }));

    k.push_back(key(kPageSize, "page.size", "\"a4\"",
                    "Paper: a3, a4, a5, letter, legal, or [width, height] lengths",
                    [](Style& s, const Size& v) { s.page = v; }));
    k.push_back(key(
        kLength, "page.margins", "\"25mm\"",
        "All four margins at once; the four keys below refine it",
        [](Style& s, Pt v) { s.margin_top = s.margin_bottom = s.margin_left = s.margin_right = v; },
        true));
    k.push_back(key(kLength, "page.margin-top", "\"25mm\"",
                    "Space between the paper's top edge and the text",
                    [](Style& s, Pt v) { s.margin_top = v; }));
    k.push_back(key(kLength, "page.margin-bottom", "\"28mm\"",
                    "Space between the text and the paper's bottom edge (the footer sits in it)",
                    [](Style& s, Pt v) { s.margin_bottom = v; }));
    k.push_back(key(kLength, "page.margin-left", "\"39mm\"",
                    "Space between the paper's left edge and the text",
                    [](Style& s, Pt v) { s.margin_left = v; }));
    k.push_back(key(kLength, "page.margin-right", "\"39mm\"",
                    "Space between the text and the paper's right edge",
                    [](Style& s, Pt v) { s.margin_right = v; }));
    // Mirrored margins: setting either also sets the left (inner) or right (outer) margin.
    const std::pair<const char*, const char*> mirrored[] = {
        {"inner", "at the binding, left on odd pages and right on even pages (mirrored); empty: page.margin-left"},
        {"outer", "away from the binding, right on odd pages and left on even pages (mirrored); empty: "
                  "page.margin-right"}};
    for (const auto& [side, what] : mirrored) {
        const bool inner = std::string_view(side) == "inner";
        k.push_back(key(kOptionalLength, std::string("page.margin-") + side, "\"\"",
                        std::string("For duplex printing: the margin ") + what + " on every page",
                        [inner](Style& s, std::optional<Pt> v) {
                            (inner ? s.margin_inner : s.margin_outer) = v;
                            if (v) (inner ? s.margin_left : s.margin_right) = *v;
                        }));
    }
    k.push_back(key(kText, "page.blank-text", "\"\"",
                    "Printed in the middle of a blank left-hand page that h1.new-page = \"odd\" adds (\"This page "
                    "is intentionally left blank\"); empty: the page stays blank",
                    [](Style& s, const std::string& v) { s.blank_page_text = v; }));
    k.push_back(key(kText, "page.front-matter-numbering", "\"roman\"",
                    "With a title page or contents: \"roman\" numbers those pages i, ii, ... and the body from 1 on a new "
                    "page; \"continuous\" numbers every page from 1",
                    [](Style& s, const std::string& v) { s.front_matter_numbering = v; }));

    add_role(k, "body", "paragraphs, lists and quotes",
             [](Style& s) { return std::span<TextStyle>(&s.body, 1); },
             {"\"Noto Serif\"", "\"11pt\"", "1.35", "false", "false", "\"#1a1a1a\""});
    k.push_back(key(kBool, "body.justify", "true", "Justify paragraphs (false: ragged right)",
                    [](Style& s, bool v) { s.justify = v; }));
    k.push_back(key(kLength, "paragraph.spacing", "\"6pt\"", "Space after a paragraph",
                    [](Style& s, Pt v) { s.paragraph_spacing = v; }));
    k.push_back(key(kLength, "paragraph.block-spacing", "\"10pt\"",
                    "Space above and below tables, block quotes and code blocks",
                    [](Style& s, Pt v) { s.block_spacing = v; }));
    k.push_back(key(kNumber, "paragraph.widows", "2",
                    "Fewest lines of a paragraph left alone at the top of a page",
                    [](Style& s, double v) { s.widows = static_cast<int>(v); }));
    k.push_back(key(kNumber, "paragraph.orphans", "2",
                    "Fewest lines of a paragraph left alone at the bottom of a page",
                    [](Style& s, double v) { s.orphans = static_cast<int>(v); }));

    add_role(k, "heading", "headings of every level",
             [](Style& s) { return std::span<TextStyle>(s.heading); },
             {"\"Noto Sans\"", "", "1.2", "true", "false", "\"#1d2b3a\""});
    add_heading_level(k, 1, "\"17pt\"", "\"24pt\"", "\"10pt\"");
    k.push_back(key(kNewPage, "h1.new-page", "false",
                    "Start each h1 heading on a new page (but the first); \"odd\": on a right-hand (odd) page, "
                    "a blank left-hand page added before it when needed",
                    [](Style& s, int v) {
                        s.h1_new_page = v > 0;
                        s.h1_odd_page = v == 2;
                    }));
    add_heading_level(k, 2, "\"14pt\"", "\"18pt\"", "\"7pt\"");
    add_heading_level(k, 3, "\"12.5pt\"", "\"14pt\"", "\"5pt\"");
    add_heading_level(k, 4, "\"11pt\"", "\"12pt\"", "\"4pt\"");
    add_heading_level(k, 5, "\"10.5pt\"", "\"10pt\"", "\"3pt\"");
    add_heading_level(k, 6, "\"10pt\"", "\"10pt\"", "\"3pt\"");

    add_role(k, "title", "the document title",
             [](Style& s) { return std::span<TextStyle>(&s.title, 1); },
             {"\"Noto Sans\"", "\"26pt\"", "1.2", "true", "false", "\"#1d2b3a\""});
    k.push_back(key(kBool, "title.page", "false",
                    "Set the title block (and abstract) on a page of its own; the contents or the body start on the next",
                    [](Style& s, bool v) { s.title_page = v; }));
    k.push_back(key(kText, "title.logo", "\"\"",
                    "A picture (PNG or JPEG) set above the title on the title page; a path relative to the document",
                    [](Style& s, const std::string& v) { s.title_logo = v; }));
    k.push_back(key(kLength, "title.logo-height", "\"20mm\"", "Largest height of the title page's logo",
                    [](Style& s, Pt v) { s.title_logo_height = v; }));
    k.push_back(key(kText, "title.abstract-title", "\"Abstract\"",
                    "Heading of the front matter's abstract, printed under the title block",
                    [](Style& s, const std::string& v) { s.abstract_title = v; }));
    add_role(k, "subtitle", "the subtitle and description under the title",
             [](Style& s) { return std::span<TextStyle>(&s.subtitle, 1); },
             {"\"Noto Sans\"", "\"13pt\"", "1.3", "false", "false", "\"#4a4a4a\""});
    add_role(k, "meta", "the authors and date under the title",
             [](Style& s) { return std::span<TextStyle>(&s.meta, 1); },
             {"\"Noto Sans\"", "\"9.5pt\"", "1.4", "false", "false", "\"#4a4a4a\""});
}

/// Code, links, lists, quotes and rules.
void block_keys(std::vector<Key>& k) {
    add_role(k, "code", "code blocks (inline code uses the same font)",
             [](Style& s) { return std::span<TextStyle>(&s.code, 1); },
             {"\"Noto Sans Mono\"", "\"8.5pt\"", "1.3", "false", "false", "\"#1a1a1a\""});
    k.push_back(key(kColor, "code.background", "\"#f5f5f5\"", "Background of code blocks",
                    [](Style& s, const Color& v) { s.code_background = v; }));
    k.push_back(key(kLength, "code.padding", "\"6pt\"",
                    "Space between a code block's background edge and its text",
                    [](Style& s, Pt v) { s.code_padding = v; }));
    k.push_back(key(kBool, "code.continuation-hook", "true",
                    "Draw a hook (not text) before the continuation of a wrapped code line",
                    [](Style& s, bool v) { s.code_continuation_hook = v; }));
    k.push_back(key(kNumber, "code.keep-lines", "8",
                    "Code blocks of at most this many lines never split across pages",
                    [](Style& s, double v) { s.code_keep_lines = static_cast<int>(v); }));
    k.push_back(key(kNumber, "code.tab-size", "4",
                    "Columns between tab stops in code blocks (1 to 16; a wide character takes two columns)",
                    [](Style& s, double v) { s.code_tab_size = std::isfinite(v) ? static_cast<int>(std::clamp(v, 1.0, 16.0)) : 4; }));
    k.push_back(key(kBool, "code.line-numbers", "false",
                    "Number the lines of code blocks, in a gutter, not copied with the code; a fence's "
                    "{.numberLines} or {linenos=true|false} decides for its block",
                    [](Style& s, bool v) { s.code_line_numbers = v; }));
    k.push_back(key(kBool, "code.highlight", "true",
                    "Colour the tokens of code blocks by the language named after the opening fence; unknown languages stay plain",
                    [](Style& s, bool v) { s.code_highlight = v; }));
    k.push_back(key(kText, "code.theme", "\"print\"",
                    "Colours of highlighted code: print (dark inks, at least 4.5:1 on the background, bold "
                    "keywords, italic comments) or a KSyntaxHighlighting theme such as \"GitHub Light\"",
                    [](Style& s, const std::string& v) { s.code_theme = v; }));
    k.push_back(key(kNumber, "inline-code.scale", "0.9",
                    "Size of inline code relative to the text around it",
                    [](Style& s, double v) { s.inline_code_scale = v; }));
    k.push_back(key(kColor, "inline-code.background", "\"#efefef\"", "Background of inline code",
                    [](Style& s, const Color& v) { s.inline_code_background = v; }));

    k.push_back(key(kColor, "mark.background", "\"#fff0a0\"",
                    "Background of highlighted text (HTML <mark>); light enough to print as a pale grey",
                    [](Style& s, const Color& v) { s.mark_background = v; }));
    k.push_back(key(kFamily, "math.font", "\"Latin Modern Math\"",
                    "Font of formulas: a family name or a font file path of a face with an OpenType MATH table "
                    "(Latin Modern Math from fonts-lmodern, or DejaVu Math TeX Gyre)",
                    [](Style& s, const std::string& v) { s.math_family = v; }));
    k.push_back(key(kBool, "math.numbered", "false",
                    "Number display formulas (1), (2), ... at the right margin; a formula's \\tag{...} sets its own label",
                    [](Style& s, bool v) { s.math_numbered = v; }));

    k.push_back(key(kColor, "link.color", "\"#1a4f9c\"", "Text colour of links",
                    [](Style& s, const Color& v) { s.link_color = v; }));
    k.push_back(key(kLength, "list.indent", "\"18pt\"", "Indentation of each list level",
                    [](Style& s, Pt v) { s.list_indent = v; }));
    k.push_back(key(kLength, "list.item-spacing", "\"2pt\"",
                    "Extra space between the items of a loose list",
                    [](Style& s, Pt v) { s.list_item_spacing = v; }));
    k.push_back(key(kLength, "quote.indent", "\"14pt\"", "Indentation of block quotes",
                    [](Style& s, Pt v) { s.quote_indent = v; }));
    k.push_back(key(kLength, "quote.bar-width", "\"2pt\"", "Width of the bar beside block quotes",
                    [](Style& s, Pt v) { s.quote_bar_width = v; }));
    k.push_back(key(kColor, "quote.bar-color", "\"#c4c4c4\"",
                    "Colour of the bar beside block quotes",
                    [](Style& s, const Color& v) { s.quote_bar_color = v; }));
    k.push_back(key(kColor, "quote.color", "\"#444444\"", "Text colour of block quotes",
                    [](Style& s, const Color& v) { s.quote_text_color = v; }));
    k.push_back(key(kLength, "callout.bar-width", "\"3pt\"", "Width of the bar beside callouts (GitHub alerts)",
                    [](Style& s, Pt v) { s.callout_bar_width = v; }));
    k.push_back(key(kColor, "callout.note", "\"#0969da\"", "Colour of the bar and title of notes (> [!NOTE]; Obsidian info, todo, abstract)",
                    [](Style& s, const Color& v) { s.callout_colors[0] = v; }));
    k.push_back(key(kColor, "callout.tip", "\"#1a7f37\"", "Colour of the bar and title of tips (> [!TIP]; Obsidian hint, success, check)",
                    [](Style& s, const Color& v) { s.callout_colors[1] = v; }));
    k.push_back(key(kColor, "callout.important", "\"#8250df\"", "Colour of the bar and title of important callouts (> [!IMPORTANT]; Obsidian question, example)",
                    [](Style& s, const Color& v) { s.callout_colors[2] = v; }));
    k.push_back(key(kColor, "callout.warning", "\"#9a6700\"", "Colour of the bar and title of warnings (> [!WARNING]; Obsidian attention)",
                    [](Style& s, const Color& v) { s.callout_colors[3] = v; }));
    k.push_back(key(kColor, "callout.caution", "\"#cf222e\"", "Colour of the bar and title of cautions (> [!CAUTION]; Obsidian danger, error, bug, failure)",
                    [](Style& s, const Color& v) { s.callout_colors[4] = v; }));
    k.push_back(key(kLength, "rule.width", "\"0.5pt\"", "Thickness of thematic breaks (---)",
                    [](Style& s, Pt v) { s.rule_width = v; }));
    k.push_back(key(kColor, "rule.color", "\"#999999\"", "Colour of thematic breaks",
                    [](Style& s, const Color& v) { s.rule_color = v; }));
}

/// Tables and footnotes.
void table_and_note_keys(std::vector<Key>& k) {
    add_role(k, "table", "table cells",
             [](Style& s) { return std::span<TextStyle>(&s.table, 1); },
             {"\"Noto Serif\"", "\"9.5pt\"", "1.3", "false", "false", "\"#1a1a1a\""});
    k.push_back(key(kBool, "table.header-bold", "true", "Set the header row of tables in bold",
                    [](Style& s, bool v) { s.table_header_bold = v; }));
    k.push_back(key(kLength, "table.padding-x", "\"4pt\"",
                    "Space between a cell's text and the left and right edges of its column",
                    [](Style& s, Pt v) { s.table_padding_x = v; }));
    k.push_back(key(kLength, "table.padding-y", "\"2.5pt\"",
                    "Space between a cell's text and the top and bottom edges of its row",
                    [](Style& s, Pt v) { s.table_padding_y = v; }));
    k.push_back(key(kLength, "table.rule-width", "\"0.8pt\"",
                    "Thickness of the rules above and below a table and below its header row (0: none)",
                    [](Style& s, Pt v) { s.table_rule_width = v; }));
    k.push_back(key(kColor, "table.rule-color", "\"#555555\"",
                    "Colour of the rules above and below a table and below its header row",
                    [](Style& s, const Color& v) { s.table_rule_color = v; }));
    k.push_back(key(kLength, "table.row-rule-width", "\"0.3pt\"",
                    "Thickness of the rules between body rows (0: none)",
                    [](Style& s, Pt v) { s.table_row_rule_width = v; }));
    k.push_back(key(kColor, "table.row-rule-color", "\"#c8c8c8\"", "Colour of the rules between body rows",
                    [](Style& s, const Color& v) { s.table_row_rule_color = v; }));
    k.push_back(key(kBool, "table.zebra", "false", "Shade every other body row",
                    [](Style& s, bool v) { s.table_zebra = v; }));
    k.push_back(key(kColor, "table.zebra-color", "\"#f2f2f2\"", "Background of the shaded rows",
                    [](Style& s, const Color& v) { s.table_zebra_color = v; }));
    k.push_back(key(kText, "table.label", "\"Table\"",
                    "The word before a table caption's number (\"Table 2.\"); follows the document's `lang` "
                    "unless set",
                    [](Style& s, const std::string& v) { s.table_label = v; }));

    add_role(k, "footnote", "footnotes",
             [](Style& s) { return std::span<TextStyle>(&s.footnote, 1); },
             {"\"Noto Serif\"", "\"8.5pt\"", "1.3", "false", "false", "\"#1a1a1a\""});
    k.push_back(key(kLength, "footnote.indent", "\"12pt\"",
                    "Indent of a note's text; its number is right-aligned in the indent",
                    [](Style& s, Pt v) { s.footnote_indent = v; }));
    k.push_back(key(kLength, "footnote.spacing", "\"2pt\"", "Space between two notes",
                    [](Style& s, Pt v) { s.footnote_spacing = v; }));
    k.push_back(key(kLength, "footnote.space-above", "\"10pt\"",
                    "Least space between the text of a page and the rule above its notes",
                    [](Style& s, Pt v) { s.footnote_space_above = v; }));
    k.push_back(key(kLength, "footnote.rule-length", "\"40mm\"", "Length of the rule above the notes",
                    [](Style& s, Pt v) { s.footnote_rule_length = v; }));
    k.push_back(key(kLength, "footnote.rule-width", "\"0.5pt\"", "Thickness of the rule above the notes",
                    [](Style& s, Pt v) { s.footnote_rule_width = v; }));
}

/// A header's or footer's slots: NAME.left/center/right, NAME.first-*, NAME.even-*, whether it
/// shows on the first page, and its rule.
void add_furniture(std::vector<Key>& k, const std::string& name, Furniture Style::*member, const Slots& every,
                   bool on_first_page) {
    const char* where = name == "header" ? "header" : "footer";
    const std::pair<const char*, const char*> kinds[] = {{"", "every page"},
                                                         {"first-", "the first page (all three instead of the others when any is set)"},
                                                         {"even-", "even pages (all three instead of the others when any is set)"}};
    for (const auto& [prefix, pages] : kinds) {
        const std::string p = prefix;
        Slots Furniture::*set = p.empty() ? &Furniture::every : p == "first-" ? &Furniture::first : &Furniture::even;
        const std::pair<const char*, std::string Slots::*> slots[] = {
            {"left", &Slots::left}, {"center", &Slots::center}, {"right", &Slots::right}};
        for (const auto& entry : slots) {
            const char* slot = entry.first;
            std::string Slots::*field = entry.second;  // a lambda cannot capture a structured binding in clang 14
            const std::string def = p.empty() ? every.*field : "";
            k.push_back(key(kText, name + "." + p + slot, "\"" + def + "\"",
                            std::string("Text of the ") + where + "'s " + slot + " slot on " + pages +
                                ": {title} {subtitle} {author} {date} {section} {page} {pages} {page-label} "
                                "{params.KEY}",
                            [member, set, field](Style& s, const std::string& v) { (s.*member.*set).*field = v; }));
        }
    }
    k.push_back(key(kBool, name + ".first-page", on_first_page ? "true" : "false",
                    std::string("Show the ") + where + " on the first page",
                    [member](Style& s, bool v) { (s.*member).on_first_page = v; }));
    k.push_back(key(kLength, name + ".rule-width", "\"0pt\"",
                    std::string("Thickness of a rule ") + (name == "header" ? "under the header" : "over the footer") +
                        " (0: none)",
                    [member](Style& s, Pt v) { (s.*member).rule_width = v; }));
    k.push_back(key(kColor, name + ".rule-color", "\"#999999\"", std::string("Colour of the ") + where + "'s rule",
                    [member](Style& s, const Color& v) { (s.*member).rule_color = v; }));
}

/// Figures, the footer, the draft mark and the table of contents.
void page_furniture_keys(std::vector<Key>& k) {
    add_role(k, "caption", "figure captions",
             [](Style& s) { return std::span<TextStyle>(&s.caption, 1); },
             {"\"Noto Sans\"", "\"9pt\"", "1.3", "false", "false", "\"#4a4a4a\""});
    k.push_back(key(kLength, "figure.space", "\"10pt\"", "Space above and below a figure",
                    [](Style& s, Pt v) { s.figure_space = v; }));
    k.push_back(key(kLength, "figure.caption-gap", "\"4pt\"", "Space between a picture and its caption",
                    [](Style& s, Pt v) { s.figure_caption_gap = v; }));
    k.push_back(key(kBool, "figure.float", "false",
                    "Let the text after a figure too tall for the rest of the page fill that space "
                    "(the figure then heads the next page)",
                    [](Style& s, bool v) { s.figure_float = v; }));
    k.push_back(key(kNumber, "figure.max-width", "1.0",
                    "The widest a figure is set without a width of its own, as a share of the text "
                    "width (0.8: 80 %); a picture is never enlarged to reach it",
                    [](Style& s, double v) { s.figure_max_width = v; }));
    k.push_back(key(kBool, "figure.numbering", "true",
                    "Number figure and table captions (\"Figure 3. ...\", \"Table 1. ...\")",
                    [](Style& s, bool v) { s.figure_numbering = v; }));
    k.push_back(key(kText, "figure.label", "\"Figure\"",
                    "The word before a figure caption's number (\"Figure 3.\"); follows the document's `lang` "
                    "unless set",
                    [](Style& s, const std::string& v) { s.figure_label = v; }));
    add_role(k, "footer", "the page footer",
             [](Style& s) { return std::span<TextStyle>(&s.footer, 1); },
             {"\"Noto Sans\"", "\"9pt\"", "1.2", "false", "false", "\"#4a4a4a\""});
    k.push_back(key(kBool, "footer.page-numbers", "true", "Print the footer (false: no footer at all)",
                    [](Style& s, bool v) { s.footer_page_numbers = v; }));
    k.push_back(key(kLength, "footer.offset", "\"12mm\"",
                    "Height of the footer's baseline above the paper's bottom edge",
                    [](Style& s, Pt v) { s.footer_offset = v; }));
    add_furniture(k, "footer", &Style::footer_slots, {"", "{page-label}", ""}, true);
    add_role(k, "header", "the running header",
             [](Style& s) { return std::span<TextStyle>(&s.header, 1); },
             {"\"Noto Sans\"", "\"9pt\"", "1.2", "false", "false", "\"#4a4a4a\""});
    k.push_back(key(kLength, "header.offset", "\"13mm\"",
                    "Depth of the header's baseline below the paper's top edge",
                    [](Style& s, Pt v) { s.header_offset = v; }));
    add_furniture(k, "header", &Style::header_slots, {}, false);

    k.push_back(key(kText, "draft.text", "\"DRAFT\"",
                    "Mark printed in the top margin of every page of a draft (draft = true)",
                    [](Style& s, const std::string& v) { s.draft_text = v; }));
    k.push_back(key(kColor, "draft.color", "\"#c0392b\"", "Colour of the draft mark",
                    [](Style& s, const Color& v) { s.draft_color = v; }));
    k.push_back(key(kFontSize, "draft.size", "\"14pt\"", "Font size of the draft mark",
                    [](Style& s, Pt v) { s.draft_size = v; }));
    k.push_back(key(kText, "toc.title", "\"Contents\"",
                    "Heading of the generated table of contents",
                    [](Style& s, const std::string& v) { s.toc_title = v; }));
    k.push_back(key(kNumber, "toc.depth", "3", "Deepest heading level listed in the table of contents (1-6)",
                    [](Style& s, double v) { s.toc_depth = static_cast<int>(v); }));
    k.push_back(key(kBool, "toc.top-bold", "true", "Set the top-level entries of the table of contents in bold",
                    [](Style& s, bool v) { s.toc_top_bold = v; }));
    k.push_back(key(kLength, "toc.group-space", "\"6pt\"",
                    "Extra space above each top-level entry of the table of contents but the first",
                    [](Style& s, Pt v) { s.toc_group_space = v; }));
    k.push_back(key(kBool, "numbering.sections", "false", "Number the headings (1, 1.1, 1.1.1) in the body, contents and bookmarks",
                    [](Style& s, bool v) { s.number_sections = v; }));
    k.push_back(key(kText, "numbering.format", "\"1.1\"",
                    "Form of heading numbers: the top level's kind, the separator, the lower levels' kind, an "
                    "optional final separator (\"1.1\", \"1.\", \"A.1\", \"I.a\")",
                    [](Style& s, const std::string& v) { s.number_format = v; }));
    k.push_back(key(kNumber, "numbering.depth", "3", "Headings whose number would have more parts than this stay unnumbered",
                    [](Style& s, double v) { s.number_depth = static_cast<int>(v); }));
}

/// What the PDF file is made to be, beyond what the pages show.
void pdf_keys(std::vector<Key>& k) {
    k.push_back(key(kPdfStandard, "pdf.standard", "\"\"",
                    "PDF standards the file meets and declares, comma-separated: a-2b or a-2u (PDF/A-2, for "
                    "archiving), ua-1 (PDF/UA-1, accessible); empty for none. --pdf-standard wins over it",
                    [](Style& s, const PdfStandard& v) { s.pdf_standard = v; }));
    k.push_back(key(kBool, "pdf.tagged", "true",
                    "Write a tagged PDF: the structure tree (headings, paragraphs, lists, tables, figures, notes) "
                    "that screen readers and reflow use; false (or --untagged) leaves it out",
                    [](Style& s, bool v) { s.pdf_tagged = v; }));
}

/// Fallback font families by script.
void fallback_keys(std::vector<Key>& k) {
    // Fallback lists: their defaults are written from Style's, so the two cannot disagree.
    const auto families = [&](std::string name, const std::vector<std::string>& defaults, std::string doc,
                              std::vector<std::string> FallbackFamilies::*list) {
        k.push_back(key(kFamilies, std::move(name), toml_list(defaults), std::move(doc),
                        [list](Style& s, const std::vector<std::string>& v) { s.fallback.*list = v; }));
    };
    const FallbackFamilies fb;
    families("fallback.arabic", fb.arabic, "Fallback font families for Arabic script", &FallbackFamilies::arabic);
    families("fallback.hebrew", fb.hebrew, "Fallback font families for Hebrew script", &FallbackFamilies::hebrew);
    families("fallback.indic", fb.indic,
             "Fallback font families for the Indic scripts (Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, "
             "Tamil, Telugu, Kannada, Malayalam, Sinhala)",
             &FallbackFamilies::indic);
    families("fallback.southeast-asian", fb.southeast_asian,
             "Fallback font families for Thai, Lao, Khmer and Myanmar", &FallbackFamilies::southeast_asian);
    families("fallback.cjk-sc", fb.cjk_sc,
             "Fallback font families for Chinese, Japanese and Korean text in a Simplified Chinese document "
             "(lang zh, zh-Hans, zh-CN, zh-SG), and for Han text without kana in its paragraph in documents in "
             "other languages than Chinese, Japanese and Korean; families that match the body in serif come first",
             &FallbackFamilies::cjk_sc);
    families("fallback.cjk-tc", fb.cjk_tc,
             "Fallback font families for CJK text in a Traditional Chinese document (lang zh-Hant, zh-TW, "
             "zh-HK, zh-MO)",
             &FallbackFamilies::cjk_tc);
    families("fallback.cjk-jp", fb.cjk_jp,
             "Fallback font families for CJK text in a Japanese document (lang ja), and for paragraphs with kana "
             "in documents in other languages than Chinese, Japanese and Korean",
             &FallbackFamilies::cjk_jp);
    families("fallback.cjk-kr", fb.cjk_kr, "Fallback font families for CJK text in a Korean document (lang ko)",
             &FallbackFamilies::cjk_kr);
    families("fallback.symbols", fb.symbols,
             "Fallback font families for symbols of no particular script (arrows, mathematics, dingbats)",
             &FallbackFamilies::symbols);
    families("fallback.emoji", fb.emoji,
             "Fallback font families for emoji, tried first for them: a colour bitmap font (Noto Color Emoji, "
             "drawn as pictures) or monochrome outline fonts",
             &FallbackFamilies::emoji);
    k.push_back(key(kBool, "fallback.emoji-color", "true",
                    "Draw emoji in colour from a colour bitmap font of fallback.emoji; false: in the first monochrome "
                    "outline font of the list",
                    [](Style& s, bool v) { s.fallback.emoji_color = v; }));
    k.push_back(key(kFamilies, "fallback.families", toml_list(Style{}.fallback_families),
                    "Font families tried in order for characters that neither a role's font nor the fallback "
                    "families of the character's script have; then any installed font that has them",
                    [](Style& s, const std::vector<std::string>& v) { s.fallback_families = v; }));
}

/// Handouts: imposition, crop marks and bleed (the command line's --layout, --sheet, --gutter,
/// --frame, --marks, --bleed set the same keys).
void print_keys(std::vector<Key>& k) {
    k.push_back(key(kLayout, "print.layout", "\"none\"",
                    "Pages on sheets: none, 2up (two side by side), 4up (two by two), booklet (saddle-stitched, "
                    "for duplex printing flipped on the short edge)",
                    [](Style& s, const std::string& v) { s.print_layout = v; }));
    k.push_back(key(kSheet, "print.sheet", "\"\"",
                    "Paper of the sheets (a3, a4, a5, letter, legal), turned as the pages fit best; empty: the "
                    "page size",
                    [](Style& s, std::optional<Size> v) { s.print_sheet = v; }));
    k.push_back(key(kLength, "print.gutter", "\"0mm\"", "Space between neighbouring pages on a sheet",
                    [](Style& s, Pt v) { s.print_gutter = v; }));
    k.push_back(key(kBool, "print.frame", "false", "Draw a thin frame around each page on a sheet",
                    [](Style& s, bool v) { s.print_frame = v; }));
    k.push_back(key(kMarkKind, "print.marks", "\"none\"",
                    "Printer's marks outside the trimmed page: none, crop (trim marks at the corners)",
                    [](Style& s, const std::string& v) { s.print_crop_marks = v == "crop"; }));
    k.push_back(key(kLength, "print.bleed", "\"0mm\"",
                    "Printed beyond each trimmed edge (3mm is usual); backgrounds that touch the page edge extend into it",
                    [](Style& s, Pt v) { s.print_bleed = v; }));
}

std::vector<Key> build() {
    std::vector<Key> k;
    page_and_text_keys(k);
    block_keys(k);
    table_and_note_keys(k);
    page_furniture_keys(k);
    pdf_keys(k);
    fallback_keys(k);
    print_keys(k);
    return k;
}

}  // namespace

const std::vector<Key>& key_table() {
    static const std::vector<Key> table = build();
    return table;
}

const Key* find_key(std::string_view name) {
    for (const Key& k : key_table())
        if (k.info.name == name) return &k;
    return nullptr;
}

}  // namespace galley::style
