// ASCII character classes and case mapping. <cctype> answers by the process's C locale, which
// a program embedding galley may set (a single-byte locale makes bytes >= 0x80 letters) or
// change from another thread; these answer the same everywhere.
#pragma once

namespace galley::ascii {

constexpr bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
constexpr char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace galley::ascii
