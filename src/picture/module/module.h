// Inside the vector module: SVG to PDF bytes (svg.cpp), PDF page to objects (pdf_page.cpp).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace galley::picture::module {

/// Draws the SVG document `svg` into a one-page PDF (`pdf`) whose page is its intrinsic size
/// (width and height in absolute units, px at 96 per inch; else its viewBox in px; else
/// 300 x 150 px). Returns the problem, empty on success.
std::string svg_to_pdf(std::span<const std::uint8_t> svg, std::vector<std::uint8_t>& pdf);

}  // namespace galley::picture::module
