// Line-break opportunities (Unicode Standard Annex #14, through ICU's line BreakIterator),
// with dictionary-based word breaks for Thai, Lao, Khmer and Burmese and the CJK rules: breaks
// between ideographs and kana, none before closing punctuation, small kana and iteration
// marks, none after opening punctuation (kinsoku); quotation marks between East Asian
// characters break as brackets do (UAX #14 of Unicode 15.1, LB19a, which ICU 72 predates).
// Pure: text in, byte offsets out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace galley::shape {

enum class BreakKind : std::uint8_t {
    Allowed,    // a line may end here (UAX #14 "÷")
    Mandatory,  // a line must end here: after a hard line break character (LB4, LB5)
};

/// A break opportunity: a line may or must end before the character at byte `offset`.
struct BreakOpportunity {
    std::size_t offset = 0;
    BreakKind kind = BreakKind::Allowed;
    bool operator==(const BreakOpportunity&) const = default;
};

/// Finds line-break opportunities. Holds one ICU iterator, so reuse one LineBreaker for a
/// document rather than one per paragraph (opening it loads rules and dictionaries).
class LineBreaker {
public:
    /// `lang` (BCP 47, may be empty) selects ICU's language tailoring of the rules.
    explicit LineBreaker(std::string_view lang = {});
    ~LineBreaker();
    LineBreaker(const LineBreaker&) = delete;
    LineBreaker& operator=(const LineBreaker&) = delete;

    /// The opportunities in `text` (UTF-8), ascending by offset. No break is possible at any
    /// other position. The start and the end of the text are not listed (LB2, LB3).
    std::vector<BreakOpportunity> opportunities(std::string_view text);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Whether `c` is a letter of the alphabets galley hyphenates (Latin, Greek, Cyrillic, with
/// their accented letters): ICU's Alphabetic property and script. Digits, punctuation, symbols,
/// combining marks and letters of other scripts are not (no patterns are loaded for them).
bool is_hyphenatable_letter(char32_t c);

/// Whether BCP 47 language `lang` is written in one of those alphabets (ICU's script of the
/// language: "ru" yes, "ja", "ar", "hi" no); true for a language ICU does not know.
bool writes_hyphenatable_script(std::string_view lang);

}  // namespace galley::shape
