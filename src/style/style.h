// Style: the declared keys (type, unit, default, doc), loading of styles/*.toml, the cascade
// default.toml < --style FILE < front matter [galley] table, and the computed Style that
// layout reads. Layout never parses a style file (compare WeasyPrint's computed values).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/geometry.h"
#include "doc/value.h"
#include "galley/diagnostic.h"

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

/// The computed style: every length in points, every colour resolved. The defaults here are
/// styles/default.toml (a unit test keeps the two equal), so a render without any style file
/// looks the same as one with it.
struct Style {
    // Page
    Size page{mm(210), mm(297)};          // page.size: A4
    Pt margin_top = mm(25), margin_bottom = mm(28), margin_left = mm(25), margin_right = mm(25);

    // Text roles
    static constexpr Color kInk = rgb(0x1a1a1a);         // text
    static constexpr Color kHeadingInk = rgb(0x1d2b3a);  // a dark slate for headings and title
    static constexpr Color kQuietInk = rgb(0x4a4a4a);    // subtitle and meta lines

    // paragraphs, lists, quotes
    TextStyle body = text_style("Noto Serif", 10.5, 1.35, false, kInk);
    // h1..h6
    TextStyle heading[6] = {
        text_style("Noto Sans", 20, 1.2, true, kHeadingInk),
        text_style("Noto Sans", 15, 1.2, true, kHeadingInk),
        text_style("Noto Sans", 12.5, 1.2, true, kHeadingInk),
        text_style("Noto Sans", 11, 1.2, true, kHeadingInk),
        text_style("Noto Sans", 10.5, 1.2, true, kHeadingInk),
        text_style("Noto Sans", 10, 1.2, true, kHeadingInk),
    };
    // code blocks (inline code uses code.family)
    TextStyle code = text_style("Noto Sans Mono", 8.5, 1.3, false, kInk);
    TextStyle title = text_style("Noto Sans", 24, 1.2, true, kHeadingInk);  // title block title
    // title block subtitle/description
    TextStyle subtitle = text_style("Noto Sans", 13, 1.3, false, kQuietInk);
    TextStyle meta = text_style("Noto Sans", 9.5, 1.4, false, kQuietInk);  // authors and date
    TextStyle footer = text_style("Noto Sans", 9, 1.2, false, rgb(0x666666));  // page numbers
    TextStyle footnote = text_style("Noto Serif", 8.5, 1.3, false, kInk);

    double inline_code_scale = 0.9;       // inline code size relative to the surrounding text
    Color inline_code_background = rgb(0xefefef);
    Color link_color = rgb(0x1a4f9c);

    Pt paragraph_spacing = 6;             // space after a paragraph
    Pt heading_space_before[6] = {24, 18, 14, 12, 10, 10};
    Pt heading_space_after[6] = {10, 7, 5, 4, 3, 3};
    bool justify = true;                  // body text justified or ragged right

    Pt list_indent = 18;                  // indentation per list level
    Pt list_item_spacing = 2;             // extra space between items of a loose list
    Pt quote_indent = 14;
    Pt quote_bar_width = 2;
    Color quote_bar_color = rgb(0xc4c4c4);
    Color quote_text_color = rgb(0x444444);

    Color code_background = rgb(0xf5f5f5);
    Pt code_padding = 6;
    std::string code_continuation_mark = "\u21AA";  // start of a wrapped code line (↪)

    Pt rule_width = 0.5;                  // thematic breaks
    Color rule_color = rgb(0x999999);

    bool footer_page_numbers = true;
    Pt footer_offset = mm(12);            // baseline of the footer above the paper's bottom edge

    std::string draft_text = "DRAFT";
    Color draft_color = rgb(0xc0392b);
    Pt draft_size = 14;

    std::string toc_title = "Contents";
    std::string lang = "en-US";
    // tried in order for characters the role's font lacks
    std::vector<std::string> fallback_families = {
        "Noto Sans",        "Noto Sans Arabic",  "Noto Sans Hebrew",   "Noto Sans Devanagari",
        "Noto Sans Thai",   "Noto Sans CJK JP",  "Noto Sans Symbols",  "Noto Sans Symbols2",
        "Noto Sans Math",   "DejaVu Sans"};

    Pt text_width() const { return page.width - margin_left - margin_right; }
    Pt text_height() const { return page.height - margin_top - margin_bottom; }
};

/// One declared key: its dotted name in the TOML file, type, unit and a line of doc. The table
/// of these is the single source of truth; docs/STYLE-KEYS.md and `galley --list-style-keys`
/// print it with key_table_markdown().
struct KeyInfo {
    std::string name;         // "page.margin-top"
    // "length", "leading", "number", "bool", "string", "color", "list", "page-size"
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

/// Sets the page size by name ("a3", "a4", "a5", "letter", "legal", case-insensitive); false
/// if unknown.
bool set_paper(Style& style, std::string_view name);

/// The declared keys as a Markdown table (key, type, default, description).
std::string key_table_markdown();

}  // namespace galley::style
