// UTF-8 decoding and repair.
#include "base/utf8.h"

namespace galley::utf8 {

char32_t decode_sequence(std::string_view s, std::size_t& pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char b0 = byte(pos);
    int extra = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if ((b0 & 0xE0) == 0xC0) {
        extra = 1, cp = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        extra = 2, cp = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        extra = 3, cp = b0 & 0x07, min = 0x10000;
    } else {
        ++pos;
        return 0xFFFD;
    }
    for (int i = 1; i <= extra; ++i) {
        if (pos + i >= s.size() || (byte(pos + i) & 0xC0) != 0x80) {
            ++pos;
            return 0xFFFD;
        }
        cp = (cp << 6) | (byte(pos + i) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++pos;
        return 0xFFFD;
    }
    pos += extra + 1;
    return cp;
}

void append(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::u32string to_u32(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    for (std::size_t pos = 0; pos < s.size();) out += decode(s, pos);
    return out;
}

Repaired repair(std::string_view bytes) {
    Repaired r;
    r.text.reserve(bytes.size());
    std::uint32_t line = 1;
    for (std::size_t pos = 0; pos < bytes.size();) {
        const unsigned char b = static_cast<unsigned char>(bytes[pos]);
        if (b < 0x80) {
            if (b == '\n') ++line;
            r.text += static_cast<char>(b);
            ++pos;
            continue;
        }
        const std::size_t start = pos;
        const char32_t cp = decode(bytes, pos);
        if (cp == 0xFFFD && !(pos - start == 3 && bytes.substr(start, 3) == "\xEF\xBF\xBD")) {
            if (r.bad_lines.empty() || r.bad_lines.back() != line) r.bad_lines.push_back(line);
            append(r.text, 0xFFFD);
        } else {
            r.text.append(bytes.substr(start, pos - start));
        }
    }
    return r;
}

bool is_valid(std::string_view bytes) {
    for (std::size_t pos = 0; pos < bytes.size();) {
        if (static_cast<unsigned char>(bytes[pos]) < 0x80) {
            ++pos;
            continue;
        }
        const std::size_t start = pos;
        if (decode(bytes, pos) == 0xFFFD && bytes.substr(start, pos - start) != "\xEF\xBF\xBD") return false;
    }
    return true;
}

std::string reversed(std::string_view s) {
    std::string out(s.size(), '\0');
    std::size_t end = s.size();
    for (std::size_t pos = 0; pos < s.size();) {
        const std::size_t start = pos;
        decode(s, pos);
        end -= pos - start;
        s.copy(out.data() + end, pos - start, start);
    }
    return out;
}

// By UTF-8 lead bytes: Hebrew to NKo (U+0590–U+07FF, lead bytes D6–DF), U+0800–U+08FF,
// presentation forms (EF AC–EF BB), and the RLM/RLE/RLO/RLI controls.
bool may_hold_rtl(std::string_view t) {
    for (std::size_t i = 0; i < t.size(); ++i) {
        const auto b = static_cast<unsigned char>(t[i]);
        if (b < 0xD6) continue;  // every test below is of a lead byte from 0xD6 up
        if (b <= 0xDF) return true;
        if (b == 0xE0 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) <= 0xA3) return true;
        if (b == 0xEF && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) >= 0xAC &&
            static_cast<unsigned char>(t[i + 1]) <= 0xBB)
            return true;
        if (b == 0xE2 && i + 2 < t.size() && t[i + 1] == '\x80' &&
            (t[i + 2] == '\x8F' || t[i + 2] == '\xAB' || t[i + 2] == '\xAE'))
            return true;
        if (b == 0xE2 && i + 2 < t.size() && t[i + 1] == '\x81' && t[i + 2] == '\xA7') return true;
    }
    return false;
}

}  // namespace galley::utf8
