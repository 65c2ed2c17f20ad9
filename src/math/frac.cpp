// Fractions and binomials (TeXbook Appendix G rule 15, with the OpenType MATH fraction and
// stack constants in place of the σ and ξ parameters).
#include <algorithm>

#include "math/layout.h"

namespace galley::math {

Box Layouter::fraction(const Node& n, MathStyle s) {
    if (n.forced == ForcedStyle::Display) s = {0, s.cramped};
    if (n.forced == ForcedStyle::Text) s = {1, s.cramped};
    const Box num = node(n.kids[0], s.numerator());
    const Box den = node(n.kids[1], s.denominator());
    const bool d = s.display();
    const double a = axis(s);
    double up, down;
    if (n.rule) {
        const double t = k(HB_OT_MATH_CONSTANT_FRACTION_RULE_THICKNESS, s);
        up = k(d ? HB_OT_MATH_CONSTANT_FRACTION_NUMERATOR_DISPLAY_STYLE_SHIFT_UP : HB_OT_MATH_CONSTANT_FRACTION_NUMERATOR_SHIFT_UP, s);
        down = k(d ? HB_OT_MATH_CONSTANT_FRACTION_DENOMINATOR_DISPLAY_STYLE_SHIFT_DOWN
                   : HB_OT_MATH_CONSTANT_FRACTION_DENOMINATOR_SHIFT_DOWN, s);
        const double num_gap = k(d ? HB_OT_MATH_CONSTANT_FRACTION_NUM_DISPLAY_STYLE_GAP_MIN : HB_OT_MATH_CONSTANT_FRACTION_NUMERATOR_GAP_MIN, s);
        const double den_gap = k(d ? HB_OT_MATH_CONSTANT_FRACTION_DENOM_DISPLAY_STYLE_GAP_MIN : HB_OT_MATH_CONSTANT_FRACTION_DENOMINATOR_GAP_MIN, s);
        up = std::max(up, num.depth + a + t / 2 + num_gap);
        down = std::max(down, den.height - (a - t / 2) + den_gap);
    } else {
        up = k(d ? HB_OT_MATH_CONSTANT_STACK_TOP_DISPLAY_STYLE_SHIFT_UP : HB_OT_MATH_CONSTANT_STACK_TOP_SHIFT_UP, s);
        down = k(d ? HB_OT_MATH_CONSTANT_STACK_BOTTOM_DISPLAY_STYLE_SHIFT_DOWN : HB_OT_MATH_CONSTANT_STACK_BOTTOM_SHIFT_DOWN, s);
        const double gap_min = k(d ? HB_OT_MATH_CONSTANT_STACK_DISPLAY_STYLE_GAP_MIN : HB_OT_MATH_CONSTANT_STACK_GAP_MIN, s);
        const double gap = (up - num.depth) - (den.height - down);
        if (gap < gap_min) {
            up += (gap_min - gap) / 2;
            down += (gap_min - gap) / 2;
        }
    }
    // TeX's \nulldelimiterspace (1.2 pt at 10 pt) on each side keeps neighbours off the rule.
    const double pad = 0.12 * font_size(s);
    const double inner = std::max(num.width, den.width);
    Box f;
    f.width = inner + 2 * pad;
    f.add(num, pad + (inner - num.width) / 2, up);
    f.add(den, pad + (inner - den.width) / 2, -down);
    f.height = up + num.height;
    f.depth = down + den.depth;
    if (n.rule) {
        const double t = k(HB_OT_MATH_CONSTANT_FRACTION_RULE_THICKNESS, s);
        f.rule(pad, a - t / 2, inner, t, color());
        f.height = std::max(f.height, a + t / 2);
    }
    if (n.left || n.right) return fence(std::move(f), n.left, n.right, s);
    return f;
}

}  // namespace galley::math
