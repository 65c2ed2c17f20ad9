// Superscripts and subscripts (TeXbook Appendix G rules 18a–f, OpenType MATH script constants)
// and limits above and below operators (rule 13a, the MATH limit constants).
#include <algorithm>

#include "math/layout.h"

namespace galley::math {

namespace {

bool empty(const Node& n) { return n.kind == NodeKind::List && n.kids.empty(); }

}  // namespace

Box Layouter::scripts(const Node& n, MathStyle s) {
    Box base = node(n.kids[0], s);
    const bool has_sup = !empty(n.kids[1]), has_sub = !empty(n.kids[2]);
    const bool brace = n.kids[0].kind == NodeKind::Accent && n.kids[0].stretch && n.kids[0].cp;
    Box out;
    out.cls = n.kids[0].kind == NodeKind::Scripts ? AtomClass::Ord : base.cls;
    if ((base.limits && s.display()) || brace || n.limits) {
        // Limits: centred over and under the operator, the italic correction split between them.
        const Box sup = has_sup ? node(n.kids[1], s.sup()) : Box{};
        const Box sub = has_sub ? node(n.kids[2], s.sub()) : Box{};
        const double w = std::max({base.width, sup.width, sub.width});
        out.width = w;
        out.add(base, (w - base.width) / 2, 0);
        out.height = base.height;
        out.depth = base.depth;
        if (has_sup) {
            const double rise = std::max(k(HB_OT_MATH_CONSTANT_UPPER_LIMIT_BASELINE_RISE_MIN, s),
                                         sup.depth + k(HB_OT_MATH_CONSTANT_UPPER_LIMIT_GAP_MIN, s));
            const double y = base.height + rise;
            out.add(sup, (w - sup.width + base.italic) / 2, y);
            out.height = y + sup.height;
        }
        if (has_sub) {
            const double drop = std::max(k(HB_OT_MATH_CONSTANT_LOWER_LIMIT_BASELINE_DROP_MIN, s),
                                         sub.height + k(HB_OT_MATH_CONSTANT_LOWER_LIMIT_GAP_MIN, s));
            const double y = -(base.depth + drop);
            out.add(sub, (w - sub.width - base.italic) / 2, y);
            out.depth = base.depth + drop + sub.depth;
        }
        return out;
    }

    // Rule 18a: a character's scripts start from its baseline, a box's from its top and bottom.
    const MathStyle sup_style = s.sup(), sub_style = s.sub();
    double u = base.single_glyph ? 0 : base.height - k(HB_OT_MATH_CONSTANT_SUPERSCRIPT_BASELINE_DROP_MAX, sup_style);
    double v = base.single_glyph ? 0 : base.depth + k(HB_OT_MATH_CONSTANT_SUBSCRIPT_BASELINE_DROP_MIN, sub_style);
    const Box sup = has_sup ? node(n.kids[1], sup_style) : Box{};
    const Box sub = has_sub ? node(n.kids[2], sub_style) : Box{};
    if (has_sup) {
        u = std::max({u, k(s.cramped ? HB_OT_MATH_CONSTANT_SUPERSCRIPT_SHIFT_UP_CRAMPED : HB_OT_MATH_CONSTANT_SUPERSCRIPT_SHIFT_UP, s),
                      sup.depth + k(HB_OT_MATH_CONSTANT_SUPERSCRIPT_BOTTOM_MIN, s)});
    }
    if (has_sub && !has_sup) {
        v = std::max({v, k(HB_OT_MATH_CONSTANT_SUBSCRIPT_SHIFT_DOWN, s), sub.height - k(HB_OT_MATH_CONSTANT_SUBSCRIPT_TOP_MAX, s)});
    } else if (has_sub) {
        v = std::max(v, k(HB_OT_MATH_CONSTANT_SUBSCRIPT_SHIFT_DOWN, s));
        const double gap = (u - sup.depth) - (sub.height - v);
        const double gap_min = k(HB_OT_MATH_CONSTANT_SUB_SUPERSCRIPT_GAP_MIN, s);
        if (gap < gap_min) {
            v += gap_min - gap;
            // Rule 18e: raise the superscript as far as SuperscriptBottomMaxWithSubscript allows
            // and take that much off the subscript's drop.
            const double psi = k(HB_OT_MATH_CONSTANT_SUPERSCRIPT_BOTTOM_MAX_WITH_SUBSCRIPT, s) - (u - sup.depth);
            if (psi > 0) {
                u += psi;
                v -= psi;
            }
        }
    }
    out.add(base, 0, 0);
    out.width = base.width;
    out.height = base.height;
    out.depth = base.depth;
    const double after = k(HB_OT_MATH_CONSTANT_SPACE_AFTER_SCRIPT, s);
    double end = base.width;
    if (has_sup) {
        // A letter's italic correction moves its superscript right; an operator's advance
        // already ends at its top right, and its subscript tucks in under the slant instead.
        const double x = base.width + (base.cls == AtomClass::Op ? 0 : base.italic);
        out.add(sup, x, u);
        out.height = std::max(out.height, u + sup.height);
        end = std::max(end, x + sup.width);
    }
    if (has_sub) {
        const double x = base.width - (base.cls == AtomClass::Op ? base.italic : 0);
        out.add(sub, x, -v);
        out.depth = std::max(out.depth, v + sub.depth);
        end = std::max(end, x + sub.width);
    }
    out.width = end + after;
    return out;
}

}  // namespace galley::math
