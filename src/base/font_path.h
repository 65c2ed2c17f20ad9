// Telling a font file path from a family name where a style names a font.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace galley::font_path {

/// A family that names a font file (ending in .ttf, .otf, .ttc or .otc, any case): its path and
/// face index ("fonts/x.ttc#2" is face 2 of a collection, 0-based); std::nullopt for a family
/// name ("Noto Serif").
std::optional<std::pair<std::string, unsigned>> font_file(const std::string& family);

}  // namespace galley::font_path
