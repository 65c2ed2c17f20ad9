// A set piece of a formula: its extent and its items, relative to the box's origin on its
// baseline at the left edge (y up, points).
#pragma once

#include <optional>
#include <vector>

#include "frame/frame.h"
#include "math/tree.h"

namespace galley::math {

struct Box {
    double width = 0;
    double height = 0;  // above the baseline
    double depth = 0;   // below the baseline, positive
    double italic = 0;  // italic correction of a box that is one glyph
    /// Where a top accent attaches, from the origin (MATH top accent attachment; negative for a
    /// combining mark, whose ink lies left of its zero advance); none: the middle.
    std::optional<double> accent_x;
    AtomClass cls = AtomClass::Ord;
    bool single_glyph = false;  // one character: scripts attach by Appendix G rule 18a with u = v = 0
    bool limits = false;        // an operator whose scripts go above and below (display style)
    std::vector<frame::Item> items;

    /// Draws `b` with its origin at (x, y) of this box (extents are the caller's business).
    void add(const Box& b, double x, double y) {
        for (frame::Item item : b.items) {
            frame::translate(item, x, y);
            items.push_back(std::move(item));
        }
    }
    /// A filled rule of `w` × `h` points whose lower-left corner is at (x, y).
    void rule(double x, double y, double w, double h, const Color& color) {
        items.push_back(frame::Box{{x, y, w, h}, color, std::nullopt, 0});
    }
};

}  // namespace galley::math
