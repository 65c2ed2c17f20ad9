// Style: the declared keys (type, unit, default, doc), loading of styles/*.toml, the cascade
// default.toml < --style FILE < front matter [galley] table, and the computed Style that
// layout reads. Layout never parses a style file (compare WeasyPrint's computed values).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/geometry.h"
#include "doc/value.h"
#include "galley/diagnostic.h"

namespace galley::style {

/// How a block of text is set.
struct TextStyle {
    std::string family;   // a family name ("Noto Serif") or a font file path
    Pt size = 10;         // font size
    Pt leading = 12;      // baseline-to-baseline distance
    bool bold = false;
    bool italic = false;
    Color color;
};

/// The computed style: every length in points, every colour resolved.
struct Style {
    // Page
    Size page{595.276, 841.89};          // page.size: "a4" | "letter" | [w, h]
    Pt margin_top = 72, margin_bottom = 72, margin_left = 72, margin_right = 72;

    // Text roles
    TextStyle body;                       // paragraphs, list items, quotes
    TextStyle heading[6];                 // h1..h6
    TextStyle code;                       // code blocks (inline code uses code.family)
    TextStyle title;                      // title block title
    TextStyle subtitle;                   // title block subtitle/description
    TextStyle meta;                       // title block authors and date
    TextStyle footer;                     // page numbers
    TextStyle footnote;                   // footnotes and table text may use it later

    Pt inline_code_scale = 0.9;           // inline code size relative to the surrounding text
    Color inline_code_background{0.94, 0.94, 0.94};
    Color link_color{0.1, 0.25, 0.6};

    Pt paragraph_spacing = 6;             // space after a paragraph
    Pt heading_space_before[6] = {18, 14, 12, 10, 10, 10};
    Pt heading_space_after[6] = {8, 6, 5, 4, 4, 4};
    bool justify = true;                  // body text justified or ragged right

    Pt list_indent = 18;                  // indentation per list level
    Pt list_item_spacing = 2;             // extra space between items of a loose list
    Pt quote_indent = 14;
    Pt quote_bar_width = 2;
    Color quote_bar_color{0.75, 0.75, 0.75};
    Color quote_text_color{0.25, 0.25, 0.25};

    Color code_background{0.96, 0.96, 0.96};
    Pt code_padding = 6;
    std::string code_continuation_mark = "\u21AA";  // start of a wrapped code line (↪)

    Pt rule_width = 0.5;                  // thematic breaks
    Color rule_color{0.6, 0.6, 0.6};

    bool footer_page_numbers = true;
    Pt footer_offset = 36;                // baseline of the footer above the paper's bottom edge

    std::string draft_text = "DRAFT";
    Color draft_color{0.85, 0.85, 0.85};
    Pt draft_size = 96;

    std::string toc_title = "Contents";
    std::string lang = "en-US";
    std::vector<std::string> fallback_families;  // tried in order for characters the role lacks

    Pt text_width() const { return page.width - margin_left - margin_right; }
    Pt text_height() const { return page.height - margin_top - margin_bottom; }
};

/// One declared key: its dotted name in the TOML file, type, unit and a line of doc. The table
/// of these is the single source of truth; docs/STYLE-KEYS.md is generated from it by
/// `galley --list-style-keys`.
struct KeyInfo {
    std::string name;         // "page.margin-top"
    std::string type;         // "length", "number", "bool", "string", "color", "list", "page-size"
    std::string default_text; // as written in styles/default.toml
    std::string doc;
};

/// Every declared key, in the order of styles/default.toml.
const std::vector<KeyInfo>& declared_keys();

/// Applies a table of style keys (a parsed style file or the front matter `galley` table) on
/// top of `style`. Lengths accept numbers (points) or strings with a unit: "12pt", "25mm",
/// "2.5cm", "1in". Colours accept "#rrggbb". An unknown key or a value of the wrong type is a
/// warning at the value's location, and the key is skipped.
void apply(Style& style, const doc::Value& table, DiagnosticSink& sink);

/// Sets the page size by name ("a4", "letter", case-insensitive); false if unknown.
bool set_paper(Style& style, std::string_view name);

}  // namespace galley::style
