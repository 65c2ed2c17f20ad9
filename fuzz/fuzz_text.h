// What the fuzz targets share: the input as the text galley's stages take.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/utf8.h"

namespace galley::fuzz {

/// The input as valid UTF-8, invalid sequences replaced as render() replaces them: the stages
/// after it take only valid text.
inline std::string valid_text(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (utf8::is_valid(bytes)) return std::string(bytes);
    return utf8::repair(bytes).text;
}

}  // namespace galley::fuzz
