// Unicode properties through utf8proc (a small C library with the Unicode tables built in).
#include "markdown/unicode.h"

#include <utf8proc.h>

#include "base/utf8.h"

namespace galley::markdown::unicode {

void append_lower(std::string& out, char32_t c) {
    // The only unconditional SpecialCasing lower-case mapping longer than one code point;
    // utf8proc_tolower gives the simple mapping ("i") for it.
    if (c == 0x130) {
        out += 'i';
        utf8::append(out, 0x307);
        return;
    }
    utf8::append(out, static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c))));
}

bool is_anchor_char(char32_t c) {
    switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
        case UTF8PROC_CATEGORY_LU:
        case UTF8PROC_CATEGORY_LL:
        case UTF8PROC_CATEGORY_LT:
        case UTF8PROC_CATEGORY_LM:
        case UTF8PROC_CATEGORY_LO:
        case UTF8PROC_CATEGORY_MN:
        case UTF8PROC_CATEGORY_MC:
        case UTF8PROC_CATEGORY_ME:
        case UTF8PROC_CATEGORY_ND:
        case UTF8PROC_CATEGORY_NL:
        case UTF8PROC_CATEGORY_PC: return true;
        default: return false;
    }
}

}  // namespace galley::markdown::unicode
