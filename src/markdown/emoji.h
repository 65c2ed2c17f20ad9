// GitHub's emoji short codes (`:tada:`, `:+1:`, `:heavy_check_mark:`) in text. The table is
// generated at build time from Debian's packaged data (tools/gen_emoji.py), never written here.
#pragma once

#include <string_view>
#include <vector>

#include "doc/document.h"

namespace galley::markdown::emoji {

/// The emoji (UTF-8) named `name` (without colons), empty when there is none.
std::string_view lookup(std::string_view name);

/// Replaces every `:name:` that names an emoji in the text of `inlines` (at any depth), except
/// inside code and in the text of an autolink (a link whose text is its address). A code
/// touching a letter or digit on either side is left alone ("10:30:00", "a:b:c").
void replace_codes(std::vector<doc::Inline>& inlines);

}  // namespace galley::markdown::emoji
