// Internal to frontmatter/: the front matter keys that pandoc users bring (papersize, geometry,
// fontsize, mainfont, ...), turned into galley style keys, and the known pandoc and Hugo keys
// galley has no use for.
#pragma once

#include <string_view>

#include "doc/value.h"
#include "galley/diagnostic.h"

namespace galley::frontmatter {

/// When `key` is a pandoc variable that galley maps to style keys, adds those keys with `v`'s
/// value (located at `v`) to `style`, a table of style keys, and returns true. A value that
/// cannot be read is warned about at `v` (frontmatter.type) and skipped.
bool pandoc_style_key(std::string_view key, const doc::Value& v, doc::Table& style, DiagnosticSink& sink);

/// Whether `key` is a front matter key of pandoc or Hugo that galley knows and does not use.
bool is_known_unused_key(std::string_view key);

}  // namespace galley::frontmatter
