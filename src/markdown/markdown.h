// Markdown body to the document model, through cmark-gfm with the GFM extensions registered
// (table, strikethrough, autolink, tasklist, tagfilter) and footnotes (CMARK_OPT_FOOTNOTES).
#pragma once

#include <string>
#include <string_view>

#include "doc/document.h"
#include "galley/diagnostic.h"

namespace galley::markdown {

/// Parses a Markdown body (valid UTF-8). `first_line` is the file line the body starts on, so
/// every node's location is a line of the original file. Fills blocks and footnotes of `out`
/// (metadata untouched), assigns heading slugs (GitHub rules, unique, duplicates -1, -2, ...)
/// and footnote numbers (order of first reference). Raw HTML is dropped with a warning
/// (`<br>` becomes a line break); HTML comments are dropped silently.
void parse(std::string_view body, std::uint32_t first_line, const std::string& file,
           doc::Document& out, DiagnosticSink& sink);

/// GitHub's heading slug, before de-duplication: lower-case; keep letters, marks, numbers,
/// connector punctuation, '-' and ' '; spaces become '-'. "What's next for Q4?" ->
/// "whats-next-for-q4".
std::string slug(std::string_view heading_text);

}  // namespace galley::markdown
