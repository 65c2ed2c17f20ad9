// PDF syntax helpers: number and string formatting for content streams and objects.
#include "pdf/pdf_syntax.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "base/utf8.h"

namespace galley::pdf {

namespace {

constexpr char kHexDigits[] = "0123456789ABCDEF";

/// Two hex digits per byte value: content streams write one hex CID per glyph, so this is on
/// the hot path.
constexpr std::array<std::array<char, 2>, 256> kHexByte = [] {
    std::array<std::array<char, 2>, 256> t{};
    for (int i = 0; i < 256; ++i) t[i] = {kHexDigits[i >> 4], kHexDigits[i & 15]};
    return t;
}();

/// Beyond this a number is a bug upstream; capping keeps the file readable (PDF 32000-1 Annex C).
constexpr double kMaxMagnitude = 1e9;

bool is_name_regular(unsigned char c) {
    if (c < '!' || c > '~') return false;
    switch (c) {
        case '#': case '%': case '(': case ')': case '/': case '<':
        case '>': case '[': case ']': case '{': case '}':
            return false;
        default:
            return true;
    }
}

/// Calls `unit` with each UTF-16 code unit of UTF-8 text (above U+FFFF: a surrogate pair).
template <class Unit>
void for_each_utf16(std::string_view utf8, Unit unit) {
    for (std::size_t pos = 0; pos < utf8.size();) {
        const char32_t cp = utf8::decode(utf8, pos);
        if (cp >= 0x10000) {
            unit(0xD800 + ((cp - 0x10000) >> 10));
            unit(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            unit(cp);
        }
    }
}

}  // namespace

void put_number(std::string& out, double v, int decimals) {
    // Integer arithmetic rather than floating-point formatting: content streams hold millions
    // of numbers. Rounds half away from zero at the last decimal kept.
    static constexpr long long kScale[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    decimals = std::clamp(decimals, 0, 6);
    if (!std::isfinite(v)) v = 0;
    v = std::clamp(v, -kMaxMagnitude, kMaxMagnitude);
    const long long scale = kScale[decimals];
    const double scaled = v * static_cast<double>(scale);
    long long n = static_cast<long long>(scaled < 0 ? scaled - 0.5 : scaled + 0.5);
    if (n == 0) {
        out += '0';  // never "-0"
        return;
    }
    if (n < 0) {
        out += '-';
        n = -n;
    }
    put_int(out, n / scale);
    long long fraction = n % scale;
    if (fraction == 0) return;
    int digits = decimals;
    while (fraction % 10 == 0) fraction /= 10, --digits;
    char buf[8];
    for (int i = digits - 1; i >= 0; --i, fraction /= 10) buf[i] = static_cast<char>('0' + fraction % 10);
    out += '.';
    out.append(buf, static_cast<std::size_t>(digits));
}

void put_int(std::string& out, long long v) {
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, res.ptr);
}

void put_ref(std::string& out, std::uint32_t n) {
    put_int(out, n);
    out += " 0 R";
}

void put_hex_byte(std::string& out, std::uint8_t byte) { out.append(kHexByte[byte].data(), 2); }

void put_hex16(std::string& out, unsigned code) {
    const auto& hi = kHexByte[(code >> 8) & 0xFF];
    const auto& lo = kHexByte[code & 0xFF];
    const char digits[4] = {hi[0], hi[1], lo[0], lo[1]};
    out.append(digits, 4);
}

void put_utf16be_hex(std::string& out, std::string_view utf8) {
    for_each_utf16(utf8, [&](unsigned u) {
        out.append(kHexByte[u >> 8].data(), 2);
        out.append(kHexByte[u & 0xFF].data(), 2);
    });
}

void put_name(std::string& out, std::string_view name) {
    out += '/';
    for (unsigned char c : name) {
        if (is_name_regular(c)) {
            out += static_cast<char>(c);
        } else {
            out += '#';
            out.append(kHexByte[c].data(), 2);
        }
    }
}

void put_text_string(std::string& out, std::string_view utf8) {
    constexpr std::size_t kMaxStringBytes = 65535;
    const bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) { return c >= 0x20 && c <= 0x7E; });
    if (ascii) {
        put_literal_string(out, utf8.substr(0, kMaxStringBytes));
        return;
    }
    std::string units;
    for_each_utf16(utf8, [&](unsigned u) {
        units += static_cast<char>(u >> 8);
        units += static_cast<char>(u & 0xFF);
    });
    if (units.size() + 2 > kMaxStringBytes) {
        std::size_t cut = (kMaxStringBytes - 2) & ~std::size_t{1};
        // Do not end on a high surrogate: its low half was cut away.
        const auto hi = static_cast<unsigned char>(units[cut - 2]);
        if (hi >= 0xD8 && hi <= 0xDB) cut -= 2;
        units.resize(cut);
    }
    out += "<FEFF";
    for (unsigned char c : units) out.append(kHexByte[c].data(), 2);
    out += '>';
}

void put_literal_string(std::string& out, std::string_view bytes) {
    out += '(';
    for (unsigned char c : bytes) {
        if (c == '(' || c == ')' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c >= 0x20 && c <= 0x7E) {
            out += static_cast<char>(c);
        } else {
            out += '\\';
            out += static_cast<char>('0' + (c >> 6));
            out += static_cast<char>('0' + ((c >> 3) & 7));
            out += static_cast<char>('0' + (c & 7));
        }
    }
    out += ')';
}

std::uint64_t fnv1a(std::string_view bytes, std::uint64_t h) {
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 0x100000001b3ull;
    }
    return h;
}

}  // namespace galley::pdf
