// UTF-8 decoding and repair. Input files are bytes; everything after app/ is valid UTF-8.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace galley::utf8 {

/// decode() of a sequence that starts with a byte above 0x7F.
char32_t decode_sequence(std::string_view s, std::size_t& pos);

/// Decodes one code point at `pos`, advancing `pos`. Invalid or truncated sequences yield
/// U+FFFD and advance by one byte (the "maximal subpart" practice of Unicode 15, 3.9). ASCII,
/// most of the text decoded, is decoded inline.
inline char32_t decode(std::string_view s, std::size_t& pos) {
    const auto b = static_cast<unsigned char>(s[pos]);
    if (b < 0x80) {
        ++pos;
        return b;
    }
    return decode_sequence(s, pos);
}

/// Appends the UTF-8 form of `cp` to `out`.
void append(std::string& out, char32_t cp);

/// The longest start of `s` of at most `max_bytes` bytes that does not cut a code point (for
/// excerpts in messages, which must stay valid UTF-8).
inline std::string_view head(std::string_view s, std::size_t max_bytes) {
    if (s.size() <= max_bytes) return s;
    std::size_t n = max_bytes;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;  // s[n] continues a code point
    return s.substr(0, n);
}

/// `s` with its code points in reverse order (valid UTF-8 in, valid UTF-8 out).
std::string reversed(std::string_view s);

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

/// Whether `bytes` is valid UTF-8 (then repair() would return it unchanged).
bool is_valid(std::string_view bytes);

/// A control character that text must not carry (no glyph, garbage when copied): C0 controls
/// other than tab, line feed, carriage return and form feed, DEL, and the C1 controls.
constexpr bool is_stray_control(char32_t c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || (c >= 0x7F && c <= 0x9F);
}

/// A quick test before the costly bidi analysis: might `t` hold right-to-left characters?
/// True for Hebrew to NKo (U+0590–U+07FF), U+0800–U+08FF, the presentation forms
/// (U+FB1D–U+FEFF roughly) and the RLM/RLE/RLO/RLI controls; false means certainly not.
bool may_hold_rtl(std::string_view t);

}  // namespace galley::utf8
