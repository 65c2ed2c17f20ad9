// The Unicode character properties the Markdown stage needs (heading slugs, footnote labels).
// Answers come from utf8proc's Unicode tables, never from the process locale (DESIGN.md 1).
#pragma once

#include <string>

namespace galley::markdown::unicode {

/// Appends the full lower-case mapping of `c` as UTF-8 (as Ruby's String#downcase, which
/// GitHub's anchors use: U+0130 becomes "i" + U+0307; no context rules such as final sigma).
void append_lower(std::string& out, char32_t c);

/// True for the characters a GitHub anchor keeps besides '-' and ' ': letters, marks, decimal
/// and letter numbers, and connector punctuation such as '_'.
bool is_anchor_char(char32_t c);

}  // namespace galley::markdown::unicode
