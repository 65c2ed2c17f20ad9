// UTF-8 decoding and repair. Input files are bytes; everything after app/ is valid UTF-8.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace galley::utf8 {

/// Decodes one code point at `pos`, advancing `pos`. Invalid or truncated sequences yield
/// U+FFFD and advance by one byte (the "maximal subpart" practice of Unicode 15, 3.9).
char32_t decode(std::string_view s, std::size_t& pos);

/// Appends the UTF-8 form of `cp` to `out`.
void append(std::string& out, char32_t cp);

/// Decodes a whole string into code points.
std::u32string to_u32(std::string_view s);

/// Result of repairing bytes into valid UTF-8.
struct Repaired {
    std::string text;
    /// 1-based line numbers (in the input) that held invalid sequences, each listed once.
    std::vector<std::uint32_t> bad_lines;
};

/// Replaces every invalid sequence with U+FFFD. Line numbers count '\n'.
Repaired repair(std::string_view bytes);

}  // namespace galley::utf8
