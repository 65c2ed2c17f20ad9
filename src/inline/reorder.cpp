// Reorder: a line's elements from logical to visual order by their bidi levels.
#include <algorithm>

#include "inline/line.h"

namespace galley::inlines {

void reorder(LineContent& line, const Collected& c) {
    std::vector<Element>& elements = line.elements;
    line.levels.assign(elements.size(), 0);
    if (!c.bidi) return;
    for (std::size_t e = 0; e < elements.size(); ++e) line.levels[e] = c.bidi->level_at(elements[e].offset);
    // UAX #9 L1: trailing white space returns to the paragraph level.
    for (std::size_t e = elements.size(); e-- > 0 && elements[e].glue;) line.levels[e] = c.bidi->base_level();
    const std::vector<std::size_t> order = shape::visual_order(line.levels);
    std::vector<Element> visual;
    std::vector<std::uint8_t> levels;
    visual.reserve(order.size());
    levels.reserve(order.size());
    for (std::size_t logical : order) {
        visual.push_back(elements[logical]);
        levels.push_back(line.levels[logical]);
    }
    elements = std::move(visual);
    line.levels = std::move(levels);
}

}  // namespace galley::inlines
