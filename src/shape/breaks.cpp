// UAX #14 through ICU's rule-based line BreakIterator over a UTF-8 UText, so offsets are the
// bytes of the text with no conversion.
#include "shape/breaks.h"

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>

#include <algorithm>
#include <string>

namespace galley::shape {

struct LineBreaker::Impl {
    UBreakIterator* iterator = nullptr;
    UText* text = nullptr;
    ~Impl() {
        if (iterator) ubrk_close(iterator);
        if (text) utext_close(text);
    }
};

LineBreaker::LineBreaker(std::string_view lang) : impl_(std::make_unique<Impl>()) {
    std::string locale(lang);
    std::replace(locale.begin(), locale.end(), '-', '_');  // ICU's locale id form
    UErrorCode err = U_ZERO_ERROR;
    impl_->iterator = ubrk_open(UBRK_LINE, locale.c_str(), nullptr, 0, &err);
    if (U_FAILURE(err)) impl_->iterator = nullptr;
}

LineBreaker::~LineBreaker() = default;

std::vector<BreakOpportunity> LineBreaker::opportunities(std::string_view text) {
    std::vector<BreakOpportunity> out;
    Impl& im = *impl_;
    if (!im.iterator || text.empty()) return out;
    UErrorCode err = U_ZERO_ERROR;
    im.text = utext_openUTF8(im.text, text.data(), static_cast<std::int64_t>(text.size()), &err);
    ubrk_setUText(im.iterator, im.text, &err);
    if (U_FAILURE(err)) return out;
    for (std::int32_t at = ubrk_following(im.iterator, 0); at != UBRK_DONE; at = ubrk_next(im.iterator)) {
        const auto offset = static_cast<std::size_t>(at);
        if (offset >= text.size()) break;
        // Rule statuses from UBRK_LINE_HARD up mark breaks after mandatory break characters.
        const bool hard = ubrk_getRuleStatus(im.iterator) >= UBRK_LINE_HARD;
        out.push_back({offset, hard ? BreakKind::Mandatory : BreakKind::Allowed});
    }
    return out;
}

bool is_hyphenatable_letter(char32_t c) {
    // Most text is ASCII: answer it without ICU's property lookups (they cost several per letter).
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const auto cp = static_cast<UChar32>(c);
    if (!u_isalpha(cp) || u_charType(cp) == U_NON_SPACING_MARK) return false;
    UErrorCode err = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(cp, &err);
    return U_SUCCESS(err) && (script == USCRIPT_LATIN || script == USCRIPT_GREEK || script == USCRIPT_CYRILLIC);
}

bool writes_hyphenatable_script(std::string_view lang) {
    std::string locale(lang);
    std::replace(locale.begin(), locale.end(), '-', '_');
    UScriptCode codes[8];
    UErrorCode err = U_ZERO_ERROR;
    const int n = uscript_getCode(locale.c_str(), codes, 8, &err);
    if (U_FAILURE(err) || n <= 0) return true;  // a language ICU does not know: assume it may be
    for (int i = 0; i < n; ++i)
        if (codes[i] == USCRIPT_LATIN || codes[i] == USCRIPT_GREEK || codes[i] == USCRIPT_CYRILLIC) return true;
    return false;
}

}  // namespace galley::shape
