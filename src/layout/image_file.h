// What layout needs to know of a picture file before placing it: its format, pixel size and
// stored resolution, read from the PNG or JPEG header, and whether galley can embed it at all.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "frame/frame.h"

namespace galley::layout {

/// The facts of a picture file, or why it cannot be used.
struct ImageFileInfo {
    /// Empty when the file is usable; else what is wrong, for a warning ("not a PNG or JPEG
    /// file", "truncated PNG", "12-bit JPEG", ...).
    std::string problem;
    frame::ImageData::Format format = frame::ImageData::Format::Png;
    std::uint32_t width = 0;   // pixels
    std::uint32_t height = 0;  // pixels
    /// Resolution stored in the file (PNG pHYs in pixels per metre, JPEG JFIF density in dots
    /// per inch or centimetre), in pixels per inch across and down; 0 when the file stores
    /// none or only an aspect ratio.
    double dpi_x = 0;
    double dpi_y = 0;
    int components = 0;          // JPEG: 1, 3 or 4
    bool inverted_cmyk = false;  // JPEG: CMYK under an Adobe APP14 marker
};

/// Reads the header of a PNG (PNG spec 11.2.2 IHDR, 11.3.5.3 pHYs; every chunk up to IEND must
/// be present) or a JPEG (ITU T.81 B.2 markers up to SOS; JFIF APP0 density; Adobe APP14).
/// Accepted: PNG of every standard colour type and depth; baseline, extended and progressive
/// Huffman JPEG with 8-bit samples and 1, 3 or 4 components, which PDF's DCTDecode reads.
ImageFileInfo read_image_file(std::span<const std::uint8_t> bytes);

}  // namespace galley::layout
