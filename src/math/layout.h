// Sets a math tree (tree.h) into boxes (box.h) by the font's MATH table, one construct per
// file: layout.cpp (lists, symbols, spacing, text), frac.cpp, root.cpp, attach.cpp (scripts and
// limits), stretch.cpp (growing delimiters and glyph assembly), accent.cpp, table.cpp.
#pragma once

#include "math/box.h"
#include "math/math.h"
#include "math/math_font.h"
#include "math/tree.h"

namespace galley::math {

/// TeX's math styles: display, text, script, script-script (TeXbook chapter 17), cramped or not.
struct MathStyle {
    int level = 0;  // 0 display, 1 text, 2 script, 3 script-script
    bool cramped = false;

    bool display() const { return level == 0; }
    MathStyle sup() const { return {level < 2 ? 2 : 3, cramped}; }
    MathStyle sub() const { return {level < 2 ? 2 : 3, true}; }
    MathStyle numerator() const { return {level == 0 ? 1 : level == 1 ? 2 : 3, cramped}; }
    MathStyle denominator() const { return {numerator().level, true}; }
    MathStyle cramped_style() const { return {level, true}; }
};

class Layouter {
public:
    /// `size` is the font size of display and text style in points.
    Layouter(const MathFont& font, double size, const Color& color, const TextFallback* fallback = nullptr)
        : font_(font), size_(size), color_(color), fallback_(fallback) {}

    Box node(const Node& n, MathStyle s);
    Box list(const Node& n, MathStyle s);

    /// The font size of style `s` in points (ScriptPercentScaleDown and its script-script
    /// sibling shrink the scripts).
    double font_size(MathStyle s) const;
    /// Points per font unit in style `s`.
    double scale(MathStyle s) const { return font_size(s) / font_.units_per_em(); }
    /// A MATH constant in points at style `s`.
    double k(hb_ot_math_constant_t c, MathStyle s) const { return font_.constant(c) * scale(s); }
    /// The math axis (AxisHeight) in points at style `s`: where fraction rules and centred
    /// delimiters sit.
    double axis(MathStyle s) const { return k(HB_OT_MATH_CONSTANT_AXIS_HEIGHT, s); }

    Box glyph(std::uint32_t gid, char32_t cp, MathStyle s) const;
    Box symbol(char32_t cp, MathStyle s) const;
    Box text(const std::string& text, MathStyle s) const;
    /// `cp` grown to at least `target` points tall (height + depth), centred on the axis when
    /// `center`; its smallest variant that is tall enough, else an assembly of its parts.
    Box stretch_vertical(char32_t cp, double target, MathStyle s, bool center) const;
    /// `cp` grown to at least `target` points wide, by variants or assembly.
    Box stretch_horizontal(char32_t cp, double target, MathStyle s) const;

    Box fraction(const Node& n, MathStyle s);
    Box radical(const Node& n, MathStyle s);
    Box scripts(const Node& n, MathStyle s);
    Box delimited(const Node& n, MathStyle s);
    Box big_delimiter(const Node& n, MathStyle s) const;
    Box accent(const Node& n, MathStyle s);
    Box table(const Node& n, MathStyle s);

    /// `body` between delimiters `left` and `right` (0: none) grown to cover it around the axis
    /// (TeXbook rule 19 with \delimiterfactor 901 and \delimitershortfall 5pt).
    Box fence(Box body, char32_t left, char32_t right, MathStyle s) const;
    /// A delimiter of total height at least `target`, centred on the axis; nothing for 0.
    Box delimiter(char32_t cp, double target, MathStyle s) const;

    const Color& color() const { return color_; }

private:
    const MathFont& font_;
    double size_;
    Color color_;
    const TextFallback* fallback_;
};

/// Joins boxes on a common baseline left to right, the width the sum.
void append(Box& to, const Box& b, double gap = 0);

}  // namespace galley::math
