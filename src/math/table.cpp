// Environments: matrix and its delimited forms, cases, aligned and gathered (amsmath's layout:
// rows \baselineskip apart at least, column gaps of 2\arraycolsep, aligned's right-left pairs).
#include <algorithm>

#include "math/layout.h"

namespace galley::math {

namespace {

struct Environment {
    char32_t left = 0, right = 0;
    bool pairs = false;      // aligned: columns alternate right and left aligned
    bool left_aligned = false;  // cases
    bool display = false;    // cells in display style
};

Environment environment(const std::string& name) {
    if (name == "pmatrix") return {'(', ')'};
    if (name == "bmatrix") return {'[', ']'};
    if (name == "Bmatrix") return {'{', '}'};
    if (name == "vmatrix") return {'|', '|'};
    if (name == "Vmatrix") return {0x2016, 0x2016};
    if (name == "cases") return {'{', 0, false, true};
    if (name == "aligned" || name == "align" || name == "align*" || name == "split") return {0, 0, true, false, true};
    if (name == "gathered") return {0, 0, false, false, true};
    return {};
}

}  // namespace

Box Layouter::table(const Node& n, MathStyle s) {
    const Environment env = environment(n.text);
    const MathStyle cell_style{env.display ? 0 : 1, false};
    const std::size_t cols = static_cast<std::size_t>(std::max(1, n.columns));
    const std::size_t rows = n.kids.size() / cols;
    std::vector<Box> cells;
    for (const Node& kid : n.kids) cells.push_back(list(kid, cell_style));

    // A strut of 0.7 and 0.3 of \baselineskip (1.2 em) per row, and \jot (0.3 em) between
    // aligned rows.
    const double em = font_size(s);
    const double strut_h = 0.7 * 1.2 * em, strut_d = 0.3 * 1.2 * em;
    const double row_gap = env.display ? 0.3 * em : 0;
    std::vector<double> widths(cols, 0), heights(rows, strut_h), depths(rows, strut_d);
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c < cols; ++c) {
            const Box& b = cells[r * cols + c];
            widths[c] = std::max(widths[c], b.width);
            heights[r] = std::max(heights[r], b.height);
            depths[r] = std::max(depths[r], b.depth);
        }
    const auto gap_before = [&](std::size_t c) {
        if (c == 0) return 0.0;
        if (env.pairs) return c % 2 == 1 ? 0.0 : 2 * em;
        return em;
    };
    Box t;
    double y = 0;  // baseline of the current row, from the top of the table
    for (std::size_t r = 0; r < rows; ++r) {
        y -= heights[r];
        double x = 0;
        for (std::size_t c = 0; c < cols; ++c) {
            x += gap_before(c);
            const Box& b = cells[r * cols + c];
            double at = x + (widths[c] - b.width) / 2;
            if (env.left_aligned || (env.pairs && c % 2 == 1)) at = x;
            if (env.pairs && c % 2 == 0) at = x + widths[c] - b.width;
            t.add(b, at, y);
            x += widths[c];
        }
        t.width = std::max(t.width, x);
        y -= depths[r] + (r + 1 < rows ? row_gap : 0);
    }
    // Centred on the axis: the table's middle is at the axis height.
    const double total = -y;
    const double shift = axis(s) + total / 2;
    Box out;
    out.add(t, 0, shift);
    out.width = t.width;
    out.height = shift;
    out.depth = total - shift;
    if (env.left || env.right) return fence(std::move(out), env.left, env.right, s);
    return out;
}

}  // namespace galley::math
