// Units of measure. Every length inside galley is in PDF points (1/72 in) as a double unless a
// name says otherwise; these helpers are the only places other units are converted.
#pragma once

#include <cstdint>

namespace galley {

/// PDF points, 1/72 inch (PDF 32000-1, 8.3.2.3: default user space unit).
using Pt = double;

constexpr Pt kPointsPerInch = 72.0;
constexpr Pt kPointsPerMillimetre = 72.0 / 25.4;
/// The largest page side PDF readers accept: 200 in (PDF 32000-1, annex C); also the largest
/// length galley takes from an author (a page, a picture).
constexpr Pt kMaxPageSide = 14400;

constexpr Pt mm(double v) { return v * kPointsPerMillimetre; }
constexpr Pt inch(double v) { return v * kPointsPerInch; }

/// Font units (design units in the font's em square) to points at `size` pt:
/// pt = units * size / units_per_em.
constexpr Pt font_units_to_pt(double units, Pt size, int units_per_em) {
    return units * size / units_per_em;
}

/// FreeType 26.6 fixed point (1/64 of a unit) to a double.
constexpr double from_26_6(std::int64_t v) { return static_cast<double>(v) / 64.0; }

/// A PDF glyph width in /W is in thousandths of the em.
constexpr double font_units_to_thousandths(double units, int units_per_em) {
    return units * 1000.0 / units_per_em;
}

}  // namespace galley
