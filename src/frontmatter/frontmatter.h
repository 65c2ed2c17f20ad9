// Front matter: finds TOML (`+++`), YAML (`---`) or JSON (`{`) metadata at the very start of a
// document, parses it with toml++ / yaml-cpp / nlohmann-json and maps it to doc::Metadata.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "doc/document.h"
#include "doc/value.h"
#include "galley/diagnostic.h"

namespace galley::frontmatter {

enum class Format { None, Toml, Yaml, Json };

/// Where the front matter sits in the input and where the body starts.
struct Split {
    Format format = Format::None;
    std::string_view content;      // the text between the delimiters (without them)
    std::uint32_t content_line = 0;  // 1-based line in the file where `content` starts
    std::string_view body;         // everything after the closing delimiter line
    std::uint32_t body_line = 1;   // 1-based line in the file where `body` starts
};

/// Splits `text` (valid UTF-8, a leading BOM allowed, LF or CRLF line ends). Front matter must
/// open on the first line: `+++` / `---` alone on the line (trailing spaces and tabs allowed),
/// or `{` starting a JSON object (its first key's `"` or its `}` must come next, so a Hugo
/// shortcode `{{< x >}}` stays body). The JSON text runs to the end of the line of its closing
/// brace. An unclosed `+++` or JSON object is an error at line 1; an unclosed `---` is a
/// thematic break, not an error. Either way the whole text (without a BOM) is then the body.
Split split(std::string_view text, const std::string& file, DiagnosticSink& sink);

/// Parses front matter content into a Value table. Syntax errors are pushed to `sink` as
/// errors at `file:LINE:COL`, where LINE is counted in the whole file (content_line offset),
/// and a null Value is returned. A non-table top level is an error too.
doc::Value parse(Format format, std::string_view content, std::uint32_t content_line,
                 const std::string& file, DiagnosticSink& sink);

/// Parses a TOML document (a style file) into a Value table, errors as in parse().
doc::Value parse_toml(std::string_view text, const std::string& file, DiagnosticSink& sink);

/// The longest front matter `title`, in bytes: a heading's (doc::max_heading_bytes).
constexpr std::size_t kMaxTitleBytes = doc::max_heading_bytes;

/// Sets `values` (key, text) in order into the table `table` (a null value becomes a table), as
/// RenderOptions::metadata describes: each text read as a scalar (true/false, an integer, a
/// decimal number, text; double quotes keep it text), a dotted key reaching into nested tables
/// (made or replaced as needed). The values carry the location `origin`.
void set_values(doc::Value& table, const std::vector<std::pair<std::string, std::string>>& values,
                const SourceLocation& origin);

/// Reads `text` as set_values() does.
doc::Value scalar_from_text(std::string_view text, const SourceLocation& origin);

/// Maps a front matter table to Metadata (DESIGN.md section 2): title, subtitle,
/// description/summary, author/authors, date, tags, categories, keywords, lang, dir, draft, toc
/// and the `galley` table. Key names are matched exactly (lower case, as Hugo writes them).
/// - Text keys also take a plain YAML number or date as written (`title: 1984`).
/// - `description` wins over `summary` when both are given.
/// - `author` and `authors`: a name, a table with a `name`, or a list of those; both keys
///   add to one list, duplicates dropped.
/// - `tags`, `categories`, `keywords`: a list, or one string of comma-separated items.
/// - `date`: a TOML/YAML date, or a string: ISO 8601 gets its epoch, other text is kept to print.
/// - `dir`: "auto" (the default), "ltr" or "rtl"; anything else is an error
///   ("frontmatter.value") at the value.
/// - `title`: at most kMaxTitleBytes; a longer one is an error ("frontmatter.limit") at the value.
/// Wrongly typed known keys are warned about ("frontmatter.type") at the value and ignored.
doc::Metadata to_metadata(const doc::Value& table, const std::string& file, DiagnosticSink& sink);

}  // namespace galley::frontmatter
