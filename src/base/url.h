// URL text: percent-decoding of link targets (fragments looked up as anchors, picture paths).
#pragma once

#include <string>
#include <string_view>

namespace galley::url {

/// Percent-decodes a link fragment or path ("%E6%97%A5" -> "日", "a%20b" -> "a b"). A '%' not
/// followed by two hex digits is kept as typed, and so is the whole text when the decoded bytes
/// are not valid UTF-8, so a warning about a missing anchor or file shows what the author wrote.
/// '+' stays '+': it means a space only in form data, not in paths or fragments.
std::string percent_decode(std::string_view s);

/// Whether a link target's scheme runs or embeds content in the reader that opens it
/// (`javascript:`, `vbscript:`, `data:`, `file:`; case and leading spaces or control characters
/// ignored, as browsers read them). Such a target is never written as a PDF link.
bool runs_code(std::string_view target);

}  // namespace galley::url
