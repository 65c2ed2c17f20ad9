// Hugo shortcodes (`{{< figure src="x.png" >}}`, `{{% note %}}...{{% /note %}}`) rewritten into the
// Markdown they stand for, before Markdown is parsed. Line by line, so every line keeps its
// number and diagnostics point at the author's source.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "doc/value.h"
#include "galley/diagnostic.h"

namespace galley::markdown::shortcodes {

/// `body` with its shortcodes rewritten; nullopt when it has none (`{{<` or `{{%` nowhere).
///
/// - `figure` (src, alt, caption or title): an image paragraph, the caption its title;
/// - `highlight LANG [linenos=...]` ... `/highlight`: a fenced code block;
/// - `note`, `tip`, `hint`, `info`, `warning`, `caution`, `danger`, `important`, `alert`:
///   a GitHub alert around the content (`> [!NOTE]`);
/// - `details summary="..."`: a block quote titled by the summary in bold;
/// - `ref`/`relref "#anchor"`: the anchor; to another page: nothing (the link text stays,
///   warning `shortcode.ref`);
/// - `param "name"`: front matter `params.name` (Hugo's page parameter), else top-level `name`;
/// - any other: its tags left out and its content kept as Markdown, one warning per name
///   (`shortcode.unknown`).
/// Shortcodes inside fenced code or inline code are text. `first_line` is the body's first
/// line in `file`; `front_matter` the document's front matter table (or null).
std::optional<std::string> expand(std::string_view body, std::uint32_t first_line, const std::string& file,
                                  const doc::Value& front_matter, DiagnosticSink& sink);

}  // namespace galley::markdown::shortcodes
