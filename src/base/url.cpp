// URL text: percent-decoding.
#include "base/url.h"

#include "base/utf8.h"

namespace galley::url {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::string percent_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const int hi = s[i] == '%' && i + 2 < s.size() ? hex_value(s[i + 1]) : -1;
        const int lo = hi >= 0 ? hex_value(s[i + 2]) : -1;
        if (lo < 0) {
            out += s[i];
            continue;
        }
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    // Escapes that spell no valid UTF-8 cannot name a heading; keeping the text as typed makes
    // the "missing anchor" warning show what the author wrote.
    if (!utf8::repair(out).bad_lines.empty()) return std::string(s);
    return out;
}

bool runs_code(std::string_view target) {
    std::string scheme;
    bool colon = false;
    for (char c : target) {
        if (static_cast<unsigned char>(c) <= ' ') continue;  // "java\tscript:" reads as javascript:
        if (c == ':') {
            colon = true;
            break;
        }
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))
            return false;
        scheme += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        if (scheme.size() > 16) return false;
    }
    return colon && (scheme == "javascript" || scheme == "vbscript" || scheme == "data" || scheme == "file");
}

}  // namespace galley::url
