// The typed math tree: what the TeX source of a formula says, before any font is involved.
// Built by parse.cpp, set by the layout files of this stage.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace galley::math {

/// TeX's atom classes (TeXbook chapter 17), which choose the space between neighbours.
enum class AtomClass : std::uint8_t { Ord, Op, Bin, Rel, Open, Close, Punct, Inner };

/// The alphabet a letter or digit is drawn from (Unicode Mathematical Alphanumeric Symbols).
enum class Alphabet : std::uint8_t { Default, Roman, Italic, Bold, Calligraphic, DoubleStruck, Fraktur, Sans, Mono };

/// A style a fraction forces on its parts: `\dfrac` display, `\tfrac` text.
enum class ForcedStyle : std::uint8_t { None, Display, Text };

enum class NodeKind : std::uint8_t {
    Symbol,     // `cp` of class `cls` (letters already in their math alphabet: U+1D465 for x)
    List,       // `kids`: a math list (a group `{...}` or the whole formula)
    Fraction,   // kids[0] over kids[1]; `rule` false for \binom (with delimiters `left`/`right`)
    Radical,    // kids[0] under the root sign, kids[1] the degree (an empty list for none)
    Scripts,    // kids[0] base, kids[1] superscript, kids[2] subscript (empty lists when absent)
    Delimited,  // \left `left` kids[0] \right `right` (0 for `.`: no delimiter)
    BigDelim,   // \big family: `cp` at least `size` times the normal delimiter size (TeX's 1.2^n)
    Accent,     // `cp` over (or, `under`, below) kids[0]; `stretch` widens it to the base
    Text,       // `text` set upright in the math font (\text, \operatorname, \sin...)
    Space,      // `space` mu (1/18 em) of horizontal space (may be negative)
    Table,      // kids = cells row by row, `columns` per row; environment in `text`
    Style,      // \displaystyle or \textstyle (`forced`): the rest of the list is in that style
};

/// One node of the tree. Kinds use only the fields their comment above names.
struct Node {
    NodeKind kind = NodeKind::List;
    AtomClass cls = AtomClass::Ord;
    char32_t cp = 0;
    char32_t left = 0, right = 0;
    ForcedStyle forced = ForcedStyle::None;
    bool rule = true;
    /// Op: scripts go above and below in display style. Scripts: above and below in every style
    /// (\limits, \overset, \underset).
    bool limits = false;
    bool under = false;    // Accent below the base (\underbrace)
    bool stretch = false;  // Accent grows to the base's width
    float size = 0;        // BigDelim: multiple of the base size
    float space = 0;       // Space: mu
    int columns = 0;       // Table
    std::string text;
    std::vector<Node> kids;
};

/// A parsed formula: the tree and the `\tag{...}` it carries (empty when none).
struct Formula {
    Node root;
    std::string tag;
};

}  // namespace galley::math
