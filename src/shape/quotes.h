// The quotation marks of a language, from CLDR (through ICU's locale data), and case folding
// for matching anchors.
#pragma once

#include <string>
#include <string_view>

namespace galley::shape {

/// A language's quotation marks (CLDR `delimiters`), each one code point in UTF-8: `open` and
/// `close` for a quotation, `inner_open` and `inner_close` for one inside it.
struct QuoteMarks {
    std::string open = "\u201C";
    std::string close = "\u201D";
    std::string inner_open = "\u2018";
    std::string inner_close = "\u2019";
};

/// The quotation marks of BCP 47 tag `lang` ("de", "fr-CH", "ja"): its own, else its
/// language's, else English's (CLDR root), as CLDR's inheritance gives them.
QuoteMarks quote_marks(std::string_view lang);

/// `text` (UTF-8) in lower case by Unicode's full case mapping (ICU, root locale): how link
/// fragments are matched to heading slugs without regard to case.
std::string lower_case(std::string_view text);

}  // namespace galley::shape
