// Growing glyphs by the MATH table's variants and assemblies (OpenType MATH, MathVariants), and
// the delimiters built on them: \left…\right (TeXbook rule 19), the \big family, binomials.
#include <algorithm>
#include <cmath>

#include "base/utf8.h"
#include "math/layout.h"

namespace galley::math {

namespace {

/// How many times each extender repeats, and the overlap of neighbouring parts, to reach
/// `target` font units: the fewest repeats; the overlap as large as the connectors allow.
struct Plan {
    int repeats = 0;
    double overlap = 0;
};

Plan plan(const std::vector<hb_ot_math_glyph_part_t>& parts, double target, double min_overlap) {
    for (int r = 0; r < 1000; ++r) {
        double full = 0;
        int count = 0;
        double max_overlap = 1e9;
        for (std::size_t i = 0; i < parts.size(); ++i) {
            const bool ext = parts[i].flags & HB_OT_MATH_GLYPH_PART_FLAG_EXTENDER;
            const int n = ext ? r : 1;
            full += n * parts[i].full_advance;
            count += n;
            if (n > 0) max_overlap = std::min<double>(max_overlap, std::min(parts[i].start_connector_length, parts[i].end_connector_length));
        }
        if (count < 2) {
            if (full >= target) return {r, 0};
            continue;
        }
        if (full - min_overlap * (count - 1) >= target) {
            const double overlap = std::clamp((full - target) / (count - 1), min_overlap, std::max(min_overlap, max_overlap));
            return {r, overlap};
        }
    }
    return {1000, min_overlap};
}

}  // namespace

Box Layouter::stretch_vertical(char32_t cp, double target, MathStyle s, bool center) const {
    const double sc = scale(s);
    const std::uint32_t base = font_.glyph(cp, 0);
    Box b = glyph(base, cp, s);
    if (b.height + b.depth < target) {
        bool found = false;
        for (const auto& [gid, advance] : font_.variants(base, true)) {
            b = glyph(gid, cp, s);
            if (advance * sc >= target) {
                found = true;
                break;
            }
        }
        const auto parts = found ? std::vector<hb_ot_math_glyph_part_t>{} : font_.assembly(base, true);
        if (!parts.empty()) {
            const Plan p = plan(parts, target / sc, font_.min_connector_overlap(true));
            Box a;
            double y = 0;  // font units from the bottom of the assembly
            bool first = true;
            for (const hb_ot_math_glyph_part_t& part : parts) {
                const int n = part.flags & HB_OT_MATH_GLYPH_PART_FLAG_EXTENDER ? p.repeats : 1;
                for (int i = 0; i < n; ++i) {
                    if (!first) y -= p.overlap;
                    Box piece = glyph(part.glyph, first ? cp : 0, s);
                    // Parts sit on their own bottom edge (their ink starts at their depth).
                    a.add(piece, 0, (y + font_.extents(part.glyph).depth) * sc);
                    a.width = std::max(a.width, piece.width);
                    y += part.full_advance;
                    first = false;
                }
            }
            a.height = y * sc;
            a.depth = 0;
            a.single_glyph = false;
            b = std::move(a);
        }
    }
    if (center) {
        const double shift = (b.height - b.depth) / 2 - axis(s);
        Box c = b;
        c.items.clear();
        c.add(b, 0, -shift);
        c.height = b.height - shift;
        c.depth = b.depth + shift;
        return c;
    }
    return b;
}

Box Layouter::stretch_horizontal(char32_t cp, double target, MathStyle s) const {
    const double sc = scale(s);
    const std::uint32_t base = font_.glyph(cp, 0);
    Box b = glyph(base, cp, s);
    if (b.width >= target) return b;
    for (const auto& [gid, advance] : font_.variants(base, false)) {
        b = glyph(gid, cp, s);
        if (advance * sc >= target) return b;
    }
    const auto parts = font_.assembly(base, false);
    if (parts.empty()) return b;
    const Plan p = plan(parts, target / sc, font_.min_connector_overlap(false));
    Box a;
    double x = 0;
    bool first = true;
    for (const hb_ot_math_glyph_part_t& part : parts) {
        const int n = part.flags & HB_OT_MATH_GLYPH_PART_FLAG_EXTENDER ? p.repeats : 1;
        for (int i = 0; i < n; ++i) {
            if (!first) x -= p.overlap;
            const Box piece = glyph(part.glyph, first ? cp : 0, s);
            a.add(piece, x * sc, 0);
            a.height = std::max(a.height, piece.height);
            a.depth = std::max(a.depth, piece.depth);
            x += part.full_advance;
            first = false;
        }
    }
    a.width = x * sc;
    return a;
}

Box Layouter::delimiter(char32_t cp, double target, MathStyle s) const {
    if (!cp) return {};
    return stretch_vertical(cp, target, s, true);
}

Box Layouter::fence(Box body, char32_t left, char32_t right, MathStyle s) const {
    const double a = axis(s);
    const double half = std::max(body.height - a, body.depth + a);
    // \delimiterfactor 901 and \delimitershortfall 5 pt (at 10 pt).
    const double target = std::max(2 * half * 0.901, 2 * half - 0.5 * font_size(s));
    Box l = delimiter(left, target, s), r = delimiter(right, target, s);
    l.cls = AtomClass::Open;
    Box out;
    append(out, l);
    append(out, body);
    append(out, r);
    out.cls = AtomClass::Inner;
    return out;
}

Box Layouter::delimited(const Node& n, MathStyle s) { return fence(list(n.kids[0], s), n.left, n.right, s); }

Box Layouter::big_delimiter(const Node& n, MathStyle s) const {
    Box b = delimiter(n.cp, n.size * font_size(s), s);
    b.single_glyph = false;
    return b;
}

}  // namespace galley::math
