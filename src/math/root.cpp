// Radicals (TeXbook Appendix G rule 11, OpenType MATH radical constants; the degree placed by
// RadicalKernBeforeDegree, RadicalKernAfterDegree and RadicalDegreeBottomRaisePercent).
#include <algorithm>

#include "math/layout.h"

namespace galley::math {

Box Layouter::radical(const Node& n, MathStyle s) {
    const Box body = node(n.kids[0], s.cramped_style());
    const double t = k(HB_OT_MATH_CONSTANT_RADICAL_RULE_THICKNESS, s);
    double gap = k(s.display() ? HB_OT_MATH_CONSTANT_RADICAL_DISPLAY_STYLE_VERTICAL_GAP : HB_OT_MATH_CONSTANT_RADICAL_VERTICAL_GAP, s);
    const Box sign = stretch_vertical(0x221A, body.height + body.depth + gap + t, s, false);
    // A sign taller than needed: the extra goes half into the gap (rule 11).
    const double extra = sign.height + sign.depth - (body.height + body.depth + gap + t);
    if (extra > 0) gap += extra / 2;
    const double rule_bottom = body.height + gap;
    // The sign's top meets the rule's top.
    const double sign_shift = rule_bottom + t - sign.height;

    Box r;
    double x = 0;
    if (!n.kids[1].kids.empty()) {
        const Box degree = node(n.kids[1], {3, true});
        const double before = k(HB_OT_MATH_CONSTANT_RADICAL_KERN_BEFORE_DEGREE, s);
        const double after = k(HB_OT_MATH_CONSTANT_RADICAL_KERN_AFTER_DEGREE, s);
        const double raise = font_.constant(HB_OT_MATH_CONSTANT_RADICAL_DEGREE_BOTTOM_RAISE_PERCENT) / 100 *
                             (sign.height + sign.depth);
        const double degree_y = sign_shift - sign.depth + raise;
        r.add(degree, before, degree_y);
        r.height = std::max(r.height, degree_y + degree.height);
        x = std::max(0.0, before + degree.width + after);
    }
    r.add(sign, x, sign_shift);
    x += sign.width;
    r.rule(x, rule_bottom, body.width, t, color());
    r.add(body, x, 0);
    r.width = x + body.width;
    r.height = std::max(r.height, rule_bottom + t + k(HB_OT_MATH_CONSTANT_RADICAL_EXTRA_ASCENDER, s));
    r.depth = std::max(body.depth, sign.depth - sign_shift);
    return r;
}

}  // namespace galley::math
