// Accents over and under a base (TeXbook rule 12 with the MATH AccentBaseHeight and top accent
// attachments), bars (Overbar/Underbar constants) and braces (stretch stack constants).
#include <algorithm>

#include "math/layout.h"

namespace galley::math {

Box Layouter::accent(const Node& n, MathStyle s) {
    const Box base = node(n.kids[0], s.cramped_style());
    Box out;
    out.add(base, 0, 0);
    out.width = base.width;
    out.height = base.height;
    out.depth = base.depth;
    if (!n.cp) {
        // \overline and \underline: a rule with its gap and extra space.
        const bool under = n.under;
        const double t = k(under ? HB_OT_MATH_CONSTANT_UNDERBAR_RULE_THICKNESS : HB_OT_MATH_CONSTANT_OVERBAR_RULE_THICKNESS, s);
        const double gap = k(under ? HB_OT_MATH_CONSTANT_UNDERBAR_VERTICAL_GAP : HB_OT_MATH_CONSTANT_OVERBAR_VERTICAL_GAP, s);
        const double extra = k(under ? HB_OT_MATH_CONSTANT_UNDERBAR_EXTRA_DESCENDER : HB_OT_MATH_CONSTANT_OVERBAR_EXTRA_ASCENDER, s);
        if (under) {
            out.rule(0, -(base.depth + gap + t), base.width, t, color());
            out.depth = base.depth + gap + t + extra;
        } else {
            out.rule(0, base.height + gap, base.width, t, color());
            out.height = base.height + gap + t + extra;
        }
        return out;
    }
    if (n.under || (n.stretch && n.cp == 0x23DE)) {
        // Braces: grown to the base's width, kept off it by the stretch-stack gap.
        const Box brace = stretch_horizontal(n.cp, base.width, s);
        const double x = (base.width - brace.width) / 2;
        if (n.under) {
            const double y = -(base.depth + k(HB_OT_MATH_CONSTANT_STRETCH_STACK_GAP_ABOVE_MIN, s) + brace.height);
            out.add(brace, x, y);
            out.depth = -y + brace.depth;
        } else {
            const double y = base.height + k(HB_OT_MATH_CONSTANT_STRETCH_STACK_GAP_BELOW_MIN, s) + brace.depth;
            out.add(brace, x, y);
            out.height = y + brace.height;
        }
        out.width = std::max(out.width, brace.width);
        return out;
    }
    const Box mark = n.stretch ? stretch_horizontal(n.cp, base.width, s) : symbol(n.cp, s);
    // Over a character the accent's attachment point meets the base's; over anything else
    // both centres meet. A base taller than AccentBaseHeight lifts the accent by the difference.
    const double base_x = base.single_glyph && base.accent_x ? *base.accent_x : base.width / 2;
    const double mark_x = mark.single_glyph && mark.accent_x ? *mark.accent_x : mark.width / 2;
    const double lift = std::max(0.0, base.height - k(HB_OT_MATH_CONSTANT_ACCENT_BASE_HEIGHT, s));
    out.add(mark, base_x - mark_x, lift);
    out.height = std::max(base.height, lift + mark.height);
    out.single_glyph = false;
    return out;
}

}  // namespace galley::math
