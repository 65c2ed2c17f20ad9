// UAX #14 through ICU's rule-based line BreakIterator over a UTF-8 UText, so offsets are the
// bytes of the text with no conversion.
#include "shape/breaks.h"

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>

#include <algorithm>
#include <string>

#include "base/utf8.h"

namespace galley::shape {

namespace {

int line_class(char32_t c) { return u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_LINE_BREAK); }

bool east_asian_wide(char32_t c) {
    const int w = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_EAST_ASIAN_WIDTH);
    return w == U_EA_WIDE || w == U_EA_FULLWIDTH;
}

/// UAX #14 of Unicode 15.1, rule LB19a, which ICU 72 predates: quotation marks (class QU)
/// between East Asian characters do not hold their neighbours together. An opening quote (Pi)
/// may then start a line after a wide character that may end one, and a closing quote (Pf) end
/// a line before a wide character that may start one, so "讨论“项目”和" breaks as 「」 do.
void add_east_asian_quote_breaks(std::string_view text, std::vector<BreakOpportunity>& out) {
    if (std::none_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0xE0; })) return;
    const std::size_t known = out.size();
    char32_t prev = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t at = pos;
        const char32_t c = utf8::decode(text, pos);
        if (line_class(c) == U_LB_QUOTATION && pos < text.size()) {
            std::size_t after = pos;
            const char32_t next = utf8::decode(text, after);
            const int type = u_charType(static_cast<UChar32>(c));
            const int before_class = line_class(prev);
            const int next_class = line_class(next);
            if (type == U_INITIAL_PUNCTUATION && at > 0 && east_asian_wide(prev) && before_class != U_LB_OPEN_PUNCTUATION &&
                before_class != U_LB_QUOTATION)
                out.push_back({at});
            if (type == U_FINAL_PUNCTUATION && east_asian_wide(next) &&
                (next_class == U_LB_IDEOGRAPHIC || next_class == U_LB_OPEN_PUNCTUATION || next_class == U_LB_H2 ||
                 next_class == U_LB_H3 || next_class == U_LB_JL))
                out.push_back({pos});
        }
        prev = c;
    }
    if (out.size() == known) return;
    std::stable_sort(out.begin(), out.end(),
                     [](const BreakOpportunity& a, const BreakOpportunity& b) { return a.offset < b.offset; });
    out.erase(std::unique(out.begin(), out.end(),
                          [](const BreakOpportunity& a, const BreakOpportunity& b) { return a.offset == b.offset; }),
              out.end());
}

}  // namespace

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
    add_east_asian_quote_breaks(text, out);
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
