// Internal to style/: reading the typed values of style keys (lengths with units, leadings,
// colours, paper sizes, flags, names) from doc::Value, each with a plain reason when it fails.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/geometry.h"
#include "doc/value.h"
#include "galley/galley.h"

namespace galley::style {

/// A value read for a style key, or the reason it was rejected (said to the user).
template <class T>
struct Read {
    T value{};
    std::string problem;  // empty when `value` is good
};

/// A leading: a length, or a multiple of the font size.
struct Leading {
    Pt length = 0;
    double ratio = 0;  // > 0 when given as a multiple
};

/// Below this a plain number given as a leading is a multiple of the size; from it on, points.
constexpr double kLeadingRatioLimit = 4;

/// A length >= 0: a number (points) or a string with a unit, "12pt", "25mm", "2.5cm", "1in".
Read<Pt> read_length(const doc::Value& v);
/// A font size: a length > 0.
Read<Pt> read_font_size(const doc::Value& v);
/// A length, or a number below kLeadingRatioLimit meaning a multiple of the size.
Read<Leading> read_leading(const doc::Value& v);
/// A number > 0 (a scale factor).
Read<double> read_scale(const doc::Value& v);
/// "#rrggbb" or "#rgb".
Read<Color> read_color(const doc::Value& v);
/// A paper name ("a4", "letter", ...) or [width, height] lengths.
Read<Size> read_page_size(const doc::Value& v);
Read<bool> read_bool(const doc::Value& v);
/// Any string, the empty one included.
Read<std::string> read_text(const doc::Value& v);
/// A font family name or file path: a non-empty string.
Read<std::string> read_family(const doc::Value& v);
/// A list of font family names.
Read<std::vector<std::string>> read_families(const doc::Value& v);
/// A list of PDF standards as text: "a-2b,ua-1" (parse_pdf_standard).
Read<PdfStandard> read_pdf_standard(const doc::Value& v);

/// The paper size of a name ("a3", "a4", "a5", "letter", "legal"; any case).
std::optional<Size> paper_size(std::string_view name);

}  // namespace galley::style
