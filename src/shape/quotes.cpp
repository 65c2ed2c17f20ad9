// Quotation marks per language from ICU's copy of CLDR (ulocdata_getDelimiter), so every
// language CLDR knows is covered without a table of our own.
#include "shape/quotes.h"

#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/ulocdata.h>
#include <unicode/ustring.h>

namespace galley::shape {

namespace {

/// One delimiter as UTF-8, or `fallback` when ICU has none.
std::string delimiter(ULocaleData* data, ULocaleDataDelimiterType type, const std::string& fallback) {
    UChar buffer[8];
    UErrorCode err = U_ZERO_ERROR;
    const std::int32_t n = ulocdata_getDelimiter(data, type, buffer, 8, &err);
    if (U_FAILURE(err) || n <= 0) return fallback;
    char out[32];
    std::int32_t length = 0;
    u_strToUTF8(out, sizeof out, &length, buffer, n, &err);
    return U_FAILURE(err) ? fallback : std::string(out, static_cast<std::size_t>(length));
}

}  // namespace

QuoteMarks quote_marks(std::string_view lang) {
    QuoteMarks marks;
    char locale[ULOC_FULLNAME_CAPACITY];
    UErrorCode err = U_ZERO_ERROR;
    const std::string tag(lang);
    uloc_forLanguageTag(tag.c_str(), locale, sizeof locale, nullptr, &err);
    if (U_FAILURE(err)) return marks;
    ULocaleData* data = ulocdata_open(locale, &err);
    if (U_FAILURE(err) || !data) return marks;
    marks.open = delimiter(data, ULOCDATA_QUOTATION_START, marks.open);
    marks.close = delimiter(data, ULOCDATA_QUOTATION_END, marks.close);
    marks.inner_open = delimiter(data, ULOCDATA_ALT_QUOTATION_START, marks.inner_open);
    marks.inner_close = delimiter(data, ULOCDATA_ALT_QUOTATION_END, marks.inner_close);
    ulocdata_close(data);
    return marks;
}

std::string lower_case(std::string_view text) {
    UErrorCode err = U_ZERO_ERROR;
    std::u16string wide(text.size(), u'\0');
    std::int32_t n = 0;
    u_strFromUTF8(wide.data(), static_cast<std::int32_t>(wide.size()), &n, text.data(),
                  static_cast<std::int32_t>(text.size()), &err);
    if (U_FAILURE(err)) return std::string(text);
    wide.resize(static_cast<std::size_t>(n));
    std::u16string lower(wide.size() * 3 + 1, u'\0');
    const std::int32_t m = u_strToLower(lower.data(), static_cast<std::int32_t>(lower.size()), wide.data(), n, "", &err);
    if (U_FAILURE(err)) return std::string(text);
    std::string out(static_cast<std::size_t>(m) * 3, '\0');
    std::int32_t bytes = 0;
    u_strToUTF8(out.data(), static_cast<std::int32_t>(out.size()), &bytes, lower.data(), m, &err);
    if (U_FAILURE(err)) return std::string(text);
    out.resize(static_cast<std::size_t>(bytes));
    return out;
}

}  // namespace galley::shape
