// Inside the vector module: SVG to PDF bytes (svg.cpp), PDF page to objects (pdf_page.cpp).
// C++17: qpdf 11.3's JSON.hh does not compile as C++20 with clang 14 (a vector of an
// incomplete type in a constexpr destructor), so the module is built as C++17.
#pragma once

#include <cstdint>
#include <string_view>
#include <string>
#include <vector>

namespace galley::picture::module {

/// Draws the SVG document `svg` into a one-page PDF (`pdf`) whose page is its intrinsic size
/// (width and height in absolute units, px at 96 per inch; else its viewBox in px; else
/// 300 x 150 px). Returns the problem, empty on success.
std::string svg_to_pdf(std::string_view svg, std::vector<std::uint8_t>& pdf);

}  // namespace galley::picture::module
