// Plain geometry in points. y grows upwards, as in PDF user space, unless a name says "top".
#pragma once

#include "base/units.h"

namespace galley {

struct Point {
    Pt x = 0;
    Pt y = 0;
};

struct Size {
    Pt width = 0;
    Pt height = 0;
    bool operator==(const Size&) const = default;
};

/// An axis-aligned rectangle; (x, y) is the lower-left corner.
struct Rect {
    Pt x = 0;
    Pt y = 0;
    Pt width = 0;
    Pt height = 0;
};

/// RGB colour, components 0..1 (DeviceRGB).
struct Color {
    double r = 0, g = 0, b = 0;
    bool operator==(const Color&) const = default;
};

}  // namespace galley
