// pandoc's subscript and superscript (`H~2~O`, `x^2^`), read in text when the document asks for
// pandoc's Markdown (style key `pandoc`): GFM reads `~x~` as strikethrough instead.
#pragma once

#include <vector>

#include "doc/document.h"

namespace galley::markdown::scripts {

/// Replaces `~text~` by a Subscript and `^text^` by a Superscript in the text of `inlines` (at
/// any depth, not in code), as pandoc's `subscript` and `superscript` extensions read them: the
/// text between the marks is not empty and holds no white space; an escaped mark
/// (doc::Inline::escaped) neither opens nor closes.
void read(std::vector<doc::Inline>& inlines);

}  // namespace galley::markdown::scripts
