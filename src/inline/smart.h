// Smart punctuation: straight quotes, apostrophes, double and triple hyphens and three dots as
// the typographic characters of the document's language, in a paragraph's spans before they
// are set. Never inside code, URLs or link text that is its own URL.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "inline/types.h"
#include "shape/quotes.h"

namespace galley::inlines {

/// What smarten() writes for a language.
struct Punctuation {
    bool enabled = true;      // false: text is left as typed (style key `smart`)
    shape::QuoteMarks quotes; // `"` gives open/close, `'` inner_open/inner_close
    /// French spacing: a narrow no-break space (U+202F) inside guillemets.
    bool guillemet_space = false;
};

/// The punctuation of BCP 47 language `lang` (quotes from CLDR; French spacing for fr).
Punctuation punctuation_for(std::string_view lang, bool enabled);

/// Rewrites the text of `spans`, one paragraph, in place: `"` and `'` become the language's
/// opening or closing quotes by their neighbours (across span boundaries; a quote is closed
/// only when one of its kind is open), `'` between letters or before a year ("'90s") an
/// apostrophe (U+2019), `'` and `"` after a digit with no quote of their kind open a prime
/// and double prime (5'10"); `--` an en dash and `---` an em dash, except where they start a
/// word as a command-line option does ("--force"); `...` an ellipsis. Code spans, URL-like
/// tokens ("://", "www.", "mailto:") and link text that is its own target are left alone; a
/// code span counts as a letter for the quotes around it.
void smarten(std::vector<Span>& spans, const Punctuation& punctuation);

/// smarten() of one plain text (a heading's title for the outline, the PDF title).
std::string smarten(std::string_view text, const Punctuation& punctuation);

}  // namespace galley::inlines
