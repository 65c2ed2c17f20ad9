// Math lists: atoms side by side with TeX's inter-atom spacing (TeXbook chapter 18, the table
// on p. 170), symbols and operators from the font, \text and operator names, and dispatch to
// the construct files.
#include "math/layout.h"

#include <algorithm>

#include "base/utf8.h"

namespace galley::math {

namespace {

// Space between two atoms by class (rows: left, columns: right), TeXbook p. 170: 1 thin,
// 2 medium, 3 thick; 4, 5, 6 the same but only in display and text style; 0 none.
constexpr int kSpacing[8][8] = {
    // Ord Op Bin Rel Open Close Punct Inner
    {0, 1, 5, 6, 0, 0, 0, 4},  // Ord
    {1, 1, 0, 6, 0, 0, 0, 4},  // Op
    {5, 5, 0, 0, 5, 0, 0, 5},  // Bin
    {6, 6, 0, 0, 6, 0, 0, 6},  // Rel
    {0, 0, 0, 0, 0, 0, 0, 0},  // Open
    {0, 1, 5, 6, 0, 0, 0, 4},  // Close
    {4, 4, 0, 4, 4, 4, 4, 4},  // Punct
    {4, 1, 5, 6, 4, 0, 4, 4},  // Inner
};

/// Space in mu between atoms of classes `a` and `b` in style `s`.
double atom_space(AtomClass a, AtomClass b, MathStyle s) {
    int code = kSpacing[static_cast<int>(a)][static_cast<int>(b)];
    if (code > 3) code = s.level >= 2 ? 0 : code - 3;
    static constexpr double kMu[] = {0, 3, 4, 5};
    return kMu[code];
}

/// TeX rule 5 and 6: a binary operator with nothing to operate on is an ordinary symbol.
void reclassify_binaries(std::vector<Box>& boxes) {
    AtomClass before = AtomClass::Open;  // the start of a list acts as an opening
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        Box& b = boxes[i];
        if (b.cls == AtomClass::Bin &&
            (before == AtomClass::Bin || before == AtomClass::Op || before == AtomClass::Rel ||
             before == AtomClass::Open || before == AtomClass::Punct))
            b.cls = AtomClass::Ord;
        if (b.cls == AtomClass::Bin) {
            const bool last = i + 1 == boxes.size();
            const AtomClass next = last ? AtomClass::Close : boxes[i + 1].cls;
            if (last || next == AtomClass::Rel || next == AtomClass::Close || next == AtomClass::Punct) b.cls = AtomClass::Ord;
        }
        before = b.cls;
    }
}

}  // namespace

void append(Box& to, const Box& b, double gap) {
    to.add(b, to.width + gap, 0);
    to.width += gap + b.width;
    to.height = std::max(to.height, b.height);
    to.depth = std::max(to.depth, b.depth);
}

double Layouter::font_size(MathStyle s) const {
    if (s.level == 2) return size_ * font_.constant(HB_OT_MATH_CONSTANT_SCRIPT_PERCENT_SCALE_DOWN) / 100;
    if (s.level == 3) return size_ * font_.constant(HB_OT_MATH_CONSTANT_SCRIPT_SCRIPT_PERCENT_SCALE_DOWN) / 100;
    return size_;
}

Box Layouter::glyph(std::uint32_t gid, char32_t cp, MathStyle s) const {
    const double sc = scale(s);
    const GlyphExtents e = font_.extents(gid);
    Box b;
    b.width = font_.advance(gid) * sc;
    b.height = e.height * sc;
    b.depth = e.depth * sc;
    b.italic = font_.italic(gid) * sc;
    b.accent_x = font_.top_accent(gid) * sc;
    b.single_glyph = true;
    frame::GlyphRun run;
    run.face = &font_.face();
    run.size = font_size(s);
    run.color = color_;
    run.glyphs.push_back({gid, static_cast<float>(b.width), 0, 0, 0});
    if (cp) utf8::append(run.text, cp);
    b.items.push_back(std::move(run));
    return b;
}

Box Layouter::symbol(char32_t cp, MathStyle s) const {
    const int ssty = s.level >= 2 ? s.level - 1 : 0;
    return glyph(font_.glyph(cp, ssty), cp, s);
}

Box Layouter::text(const std::string& text, MathStyle s) const {
    const double sc = scale(s);
    frame::GlyphRun run;
    run.face = &font_.face();
    run.size = font_size(s);
    run.color = color_;
    run.text = text;
    Box b;
    const std::vector<ShapedGlyph> shaped = font_.shape(text);
    if (fallback_ && std::any_of(shaped.begin(), shaped.end(), [](const ShapedGlyph& g) { return g.gid == 0; })) {
        // Text in a script the MATH font lacks (Latin Modern Math has no Han): the caller's faces.
        SetText set = (*fallback_)(text, run.size, color_);
        b.items = std::move(set.items);
        b.width = set.width;
        b.height = set.height;
        b.depth = set.depth;
        return b;
    }
    for (const ShapedGlyph& g : shaped) {
        run.glyphs.push_back({g.gid, static_cast<float>(g.advance * sc), 0, 0, g.cluster});
        const GlyphExtents e = font_.extents(g.gid);
        b.height = std::max(b.height, e.height * sc);
        b.depth = std::max(b.depth, e.depth * sc);
        b.width += g.advance * sc;
    }
    if (!run.glyphs.empty()) b.items.push_back(std::move(run));
    return b;
}

Box Layouter::node(const Node& n, MathStyle s) {
    Box b;
    switch (n.kind) {
        case NodeKind::Symbol:
            if (n.cls == AtomClass::Op) {
                // A big operator: its display size in display style, centred on the axis.
                b = symbol(n.cp, s);
                if (s.display()) {
                    const double min = k(HB_OT_MATH_CONSTANT_DISPLAY_OPERATOR_MIN_HEIGHT, s);
                    if (b.height + b.depth < min) b = stretch_vertical(n.cp, min, s, false);
                }
                const double shift = (b.height - b.depth) / 2 - axis(s);
                Box centred = b;
                centred.items.clear();
                centred.add(b, 0, -shift);
                centred.height -= shift;
                centred.depth += shift;
                b = std::move(centred);
                // An operator is a box to its scripts (Appendix G rule 13 before 18a).
                b.single_glyph = false;
                b.limits = n.limits;
            } else {
                b = symbol(n.cp, s);
            }
            break;
        case NodeKind::List: b = list(n, s); break;
        case NodeKind::Fraction: b = fraction(n, s); break;
        case NodeKind::Radical: b = radical(n, s); break;
        case NodeKind::Scripts: return scripts(n, s);
        case NodeKind::Delimited: b = delimited(n, s); break;
        case NodeKind::BigDelim: b = big_delimiter(n, s); break;
        case NodeKind::Accent: b = accent(n, s); break;
        case NodeKind::Text: b = text(n.text, s); b.limits = n.limits; break;
        case NodeKind::Space: b.width = n.space * font_size(s) / 18; break;
        case NodeKind::Table: b = table(n, s); break;
        case NodeKind::Style: break;  // list() switches the style of what follows
    }
    b.cls = n.kind == NodeKind::Fraction || n.kind == NodeKind::Delimited ? AtomClass::Inner : n.cls;
    return b;
}

Box Layouter::list(const Node& n, MathStyle s) {
    std::vector<Box> boxes;
    std::vector<bool> spaces;
    for (const Node& kid : n.kids) {
        if (kid.kind == NodeKind::Style) {
            s = {kid.forced == ForcedStyle::Display ? 0 : 1, s.cramped};
            continue;
        }
        boxes.push_back(node(kid, s));
        spaces.push_back(kid.kind == NodeKind::Space);
    }
    reclassify_binaries(boxes);
    Box out;
    const Box* previous = nullptr;
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        const Box& b = boxes[i];
        if (spaces[i]) {
            out.width += b.width;
            continue;
        }
        const double gap = previous ? atom_space(previous->cls, b.cls, s) * font_size(s) / 18 : 0;
        append(out, b, gap);
        // A character's italic correction goes after it (TeX rule 17), except an operator's,
        // which its limits use.
        if (b.single_glyph && b.cls != AtomClass::Op) out.width += b.italic;
        previous = &b;
    }
    if (boxes.size() == 1 && !spaces[0]) {
        // A group of one character stays a character for scripts and accents.
        out.single_glyph = boxes[0].single_glyph;
        out.italic = boxes[0].italic;
        out.accent_x = boxes[0].accent_x;
        out.limits = boxes[0].limits;
        out.cls = boxes[0].cls;
        if (out.single_glyph && out.cls != AtomClass::Op) out.width -= out.italic;
    }
    return out;
}

}  // namespace galley::math
