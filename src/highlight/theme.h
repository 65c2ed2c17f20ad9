// The print theme: a style per kind of token, in KSyntaxHighlighting's Theme::TextStyle order.
#pragma once

#include <optional>

#include "highlight/highlight.h"

namespace galley::highlight {

/// The print theme's style for a token of KSyntaxHighlighting text style `kind` (0 = Normal,
/// ..., 29 = Error, 30 = Others); nullopt for kinds set in the text colour (normal text, operators).
std::optional<TokenStyle> print_style(int kind);

}  // namespace galley::highlight
