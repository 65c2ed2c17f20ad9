// The command tables of the TeX subset: symbols with their atom class, named operators,
// spacing, accents, alphabets.
#pragma once

#include <optional>
#include <string_view>

#include "math/tree.h"

namespace galley::math {

struct SymbolInfo {
    char32_t cp;
    AtomClass cls;
    bool limits = false;  // a big operator whose scripts go above and below in display style
};

/// `\name`'s symbol (Greek letters, relations, operators, arrows, big operators, delimiters).
std::optional<SymbolInfo> command_symbol(std::string_view name);
/// A single source character's symbol (`+` is U+2212's neighbour class Bin, `-` becomes U+2212).
SymbolInfo char_symbol(char32_t c);
/// A named operator (`\sin`, `\lim`): whether it takes limits; std::nullopt if `name` is none.
std::optional<bool> named_operator(std::string_view name);
/// Spacing commands in mu (`\,` 3, `\quad` 18, `\!` -3).
std::optional<float> spacing(std::string_view name);
/// Accent commands: the combining mark (0 for a rule: \overline, \underline), whether it
/// stretches to the base, whether it goes below.
struct AccentInfo {
    char32_t cp;
    bool stretch;
    bool under;
};
std::optional<AccentInfo> accent(std::string_view name);
/// Alphabet commands (\mathbf, \mathbb, ...).
std::optional<Alphabet> alphabet(std::string_view name);
/// `c` (a Latin letter, a digit or a Greek letter) in `a`; letters default to italic.
char32_t styled(char32_t c, Alphabet a);

}  // namespace galley::math
