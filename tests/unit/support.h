// Helpers shared by the unit tests: reading the bundled fonts and styles from the source tree.
#pragma once

#include <fstream>
#include <iterator>
#include <optional>
#include <string>

#include "galley/galley.h"

namespace galley::test {

inline std::optional<Bytes> read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline const std::string kFontsDir = GALLEY_SOURCE_DIR "/fonts";
inline const std::string kStylesDir = GALLEY_SOURCE_DIR "/styles";

}  // namespace galley::test
