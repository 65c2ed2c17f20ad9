// Measurements of frame items shared by the tests of the stages that make them.
#pragma once

#include "frame/frame.h"

namespace galley::test {

/// Where a glyph run ends: its origin plus its advances, in points.
inline Pt right_edge(const frame::GlyphRun& r) {
    Pt x = r.origin.x;
    for (const frame::Glyph& g : r.glyphs) x += g.x_advance;
    return x;
}

}  // namespace galley::test
