// Imposition: which page goes in which cell of which sheet side, where and how large it is drawn
// there, and the crop marks and bleed of a page or sheet.
#include "impose/impose.h"

#include <algorithm>
#include <utility>

#include "base/units.h"

namespace galley::impose {

namespace {

/// Crop marks start this far outside the trimmed edge, or at the bleed's edge when that is
/// further out, so that they are cut off with the bleed and never print on the page.
constexpr Pt kMarkOffset = mm(3);
constexpr Pt kMarkLength = mm(6);
/// Blank medium beyond the marks' ends.
constexpr Pt kMarkMargin = mm(2);
constexpr Pt kMarkWidth = 0.25;
/// How close to a page edge a box must come to be taken as touching it (rounding of layout).
constexpr Pt kEdgeTolerance = 0.01;

/// The cell of document page `page` (1-based) when the document has `pages` pages.
Cell cell_of(std::size_t page, std::size_t pages) {
    return page >= 1 && page <= pages ? Cell(page - 1) : std::nullopt;
}

/// How large pages of `page` size are drawn on `sheet` in `g`, with `gutter` between them.
double fit_scale(Size sheet, Size page, Grid g, Pt gutter) {
    const double across = (sheet.width - (g.columns - 1) * gutter) / (g.columns * page.width);
    const double down = (sheet.height - (g.rows - 1) * gutter) / (g.rows * page.height);
    return std::max(0.0, std::min(across, down));
}

}  // namespace

Grid grid(Layout layout) {
    switch (layout) {
        case Layout::TwoUp:
        case Layout::Booklet: return {2, 1};
        case Layout::FourUp: return {2, 2};
        case Layout::None: break;
    }
    return {1, 1};
}

std::vector<Side> order(Layout layout, std::size_t pages) {
    std::vector<Side> sides;
    if (layout == Layout::Booklet) {
        const std::size_t n = (pages + 3) / 4 * 4;
        for (std::size_t s = 0; s < n / 4; ++s) {
            sides.push_back({{cell_of(n - 2 * s, pages), cell_of(2 * s + 1, pages)}});
            sides.push_back({{cell_of(2 * s + 2, pages), cell_of(n - 2 * s - 1, pages)}});
        }
        return sides;
    }
    const Grid g = grid(layout);
    const std::size_t per_side = static_cast<std::size_t>(g.columns * g.rows);
    for (std::size_t first = 0; first < pages; first += per_side) {
        Side side;
        for (std::size_t k = 0; k < per_side; ++k) side.cells.push_back(cell_of(first + k + 1, pages));
        sides.push_back(std::move(side));
    }
    return sides;
}

void extend_into_bleed(frame::Page& page, Pt bleed) {
    if (!(bleed > 0)) return;
    const Pt w = page.size.width, h = page.size.height;
    for (frame::Item& item : page.items) {
        auto* box = std::get_if<frame::Box>(&item);
        if (!box || !box->fill) continue;
        Rect& r = box->rect;
        const Pt right = r.x + r.width, top = r.y + r.height;
        const Pt left = r.x <= kEdgeTolerance ? -bleed : r.x;
        const Pt bottom = r.y <= kEdgeTolerance ? -bleed : r.y;
        const Pt new_right = right >= w - kEdgeTolerance ? w + bleed : right;
        const Pt new_top = top >= h - kEdgeTolerance ? h + bleed : top;
        r = {left, bottom, new_right - left, new_top - bottom};
    }
}

frame::Page Imposer::with_marks(frame::Page&& page) const {
    const Pt bleed = std::max<Pt>(0, options_.bleed);
    const Pt offset = std::max(bleed, kMarkOffset);
    const Pt margin = options_.crop_marks ? offset + kMarkLength + kMarkMargin : bleed;
    const Size size = page.size;
    extend_into_bleed(page, bleed);
    frame::Page medium;
    medium.size = {size.width + 2 * margin, size.height + 2 * margin};
    medium.number = page.number;
    medium.trim_box = Rect{margin, margin, size.width, size.height};
    medium.bleed_box = Rect{margin - bleed, margin - bleed, size.width + 2 * bleed, size.height + 2 * bleed};
    medium.placed.push_back({std::move(page), 1, {margin, margin}, {-bleed, -bleed, size.width + 2 * bleed, size.height + 2 * bleed}});
    if (!options_.crop_marks) return medium;
    // Two marks at each corner, on the lines of the trimmed edges, pointing away from the page.
    for (const Pt x : {margin, margin + size.width}) {
        for (const Pt y : {margin, margin + size.height}) {
            const Pt dx = x == margin ? -1 : 1, dy = y == margin ? -1 : 1;
            medium.items.push_back(frame::Line{{x + dx * offset, y}, {x + dx * (offset + kMarkLength), y}, kMarkWidth, {}});
            medium.items.push_back(frame::Line{{x, y + dy * offset}, {x, y + dy * (offset + kMarkLength)}, kMarkWidth, {}});
        }
    }
    return medium;
}

frame::Page Imposer::sheet(const std::vector<Cell>& cells) {
    const Grid g = grid(options_.layout);
    const Size page = held_.front().size;
    Size paper = options_.sheet.value_or(page);
    const Size turned{paper.height, paper.width};
    // The orientation that sets the pages larger (2-up on the page's own size: landscape).
    const Pt gutter = std::max<Pt>(0, options_.gutter);
    if (fit_scale(turned, page, g, gutter) > fit_scale(paper, page, g, gutter) + 1e-9) paper = turned;
    const double scale = fit_scale(paper, page, g, gutter);
    const Pt cell_w = page.width * scale, cell_h = page.height * scale;
    const Pt x0 = (paper.width - g.columns * cell_w - (g.columns - 1) * gutter) / 2;
    const Pt y0 = (paper.height - g.rows * cell_h - (g.rows - 1) * gutter) / 2;
    frame::Page out;
    out.size = paper;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (!cells[i]) continue;
        int column = static_cast<int>(i) % g.columns;
        const int row = static_cast<int>(i) / g.columns;
        if (options_.right_to_left) column = g.columns - 1 - column;
        const Point origin{x0 + column * (cell_w + gutter), y0 + (g.rows - 1 - row) * (cell_h + gutter)};
        frame::Page& p = held_[*cells[i]];
        if (options_.frame)
            out.items.push_back(frame::Box{{origin.x, origin.y, cell_w, cell_h}, std::nullopt, Color{0.6, 0.6, 0.6}, 0.5});
        const Rect clip{0, 0, p.size.width, p.size.height};
        out.placed.push_back({std::move(p), scale, origin, clip});
    }
    return out;
}

bool Imposer::hand_on(frame::Page&& page) {
    const bool marked = options_.crop_marks || options_.bleed > 0;
    return sink_(marked ? with_marks(std::move(page)) : std::move(page));
}

bool Imposer::emit_sides(const std::vector<Side>& sides) {
    for (const Side& side : sides)
        if (!hand_on(sheet(side.cells))) return false;
    return true;
}

bool Imposer::add(frame::Page&& page) {
    if (options_.layout == Layout::None) return hand_on(std::move(page));
    held_.push_back(std::move(page));
    if (options_.layout == Layout::Booklet) return true;
    const Grid g = grid(options_.layout);
    if (held_.size() < static_cast<std::size_t>(g.columns * g.rows)) return true;
    const bool ok = emit_sides(order(options_.layout, held_.size()));
    held_.clear();
    return ok;
}

bool Imposer::finish() {
    if (held_.empty()) return true;
    const bool ok = emit_sides(order(options_.layout, held_.size()));
    held_.clear();
    return ok;
}

}  // namespace galley::impose
