// PDF syntax shared by the page writer and the CID fonts: numbers, hex, literal and text
// strings, names. Private to pdf/.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace galley::pdf {

/// Appends `v` as a PDF number with at most `decimals` fraction digits: no exponent, no
/// trailing zeros, no "-0" (PDF 32000-1, 7.3.3). NaN and infinities become 0 and magnitudes
/// are capped, so a content stream never holds "nan" or a number a reader rejects.
void put_number(std::string& out, double v, int decimals = 3);
void put_int(std::string& out, long long v);
/// Appends an indirect reference "n 0 R" to object `n` (7.3.10).
void put_ref(std::string& out, std::uint32_t n);

/// Appends four upper-case hex digits of a two-byte code (a CID in a TJ string or a CMap).
void put_hex16(std::string& out, unsigned code);
/// Appends two upper-case hex digits of a byte.
void put_hex_byte(std::string& out, std::uint8_t byte);

/// Appends a two-byte code (a CID, Identity-H) inside a literal string, as its bytes: half the
/// size of hex before compression. '(', ')' and backslash are escaped, and a carriage return,
/// which a reader would take for an end of line (7.3.4.2), is written as \r.
inline void put_code16(std::string& out, unsigned code) {
    const auto plain = [](unsigned char b) { return b != '(' && b != ')' && b != '\\' && b != '\r'; };
    const char bytes[2] = {static_cast<char>(code >> 8), static_cast<char>(code & 0xFF)};
    if (plain(static_cast<unsigned char>(bytes[0])) && plain(static_cast<unsigned char>(bytes[1]))) {
        out.append(bytes, 2);
        return;
    }
    for (const unsigned char b : {static_cast<unsigned char>(code >> 8), static_cast<unsigned char>(code & 0xFF)}) {
        switch (b) {
            case '(': case ')': case '\\': out += '\\'; out += static_cast<char>(b); break;
            case '\r': out += "\\r"; break;
            default: out += static_cast<char>(b);
        }
    }
}

/// Appends UTF-8 text as UTF-16BE hex digits (above U+FFFF as a surrogate pair), no BOM.
void put_utf16be_hex(std::string& out, std::string_view utf8);

/// Appends `name` as a name object: '/' and the bytes, every byte outside '!'..'~' and every
/// delimiter or '#' written as #xx (7.3.5). Any byte string round-trips except NUL.
void put_name(std::string& out, std::string_view name);

/// Appends a text string object (7.9.2.2) for UTF-8 text: a literal when it is printable ASCII
/// (where PDFDocEncoding agrees), else UTF-16BE hex with a byte order mark. Cut to 65535 bytes
/// at a character boundary (Annex C: a reader may refuse longer strings).
void put_text_string(std::string& out, std::string_view utf8);

/// Appends a byte string as a literal string (7.3.4.2): printable ASCII as it is, '(', ')' and backslash
/// escaped, every other byte as an octal escape. For URIs, which are 7-bit ASCII (12.6.4.7).
void put_literal_string(std::string& out, std::string_view bytes);

/// FNV-1a, 64 bit: a stable hash for subset tags and destination-name aliases (not for /ID).
std::uint64_t fnv1a(std::string_view bytes, std::uint64_t h = 0xcbf29ce484222325ull);

}  // namespace galley::pdf
