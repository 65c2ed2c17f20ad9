// Front matter: finds TOML (`+++`), YAML (`---`) or JSON (`{`) metadata at the very start of a
// document, parses it with toml++ / yaml-cpp / nlohmann-json and maps it to doc::Metadata.
#pragma once

#include <string>
#include <string_view>

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
/// open on the first line: `+++` / `---` alone on the line (trailing spaces allowed), or `{`
/// starting a JSON object. An opening delimiter with no closing one is reported as an error at
/// the opening line, and the whole text is then treated as body.
Split split(std::string_view text, const std::string& file, DiagnosticSink& sink);

/// Parses front matter content into a Value table. Syntax errors are pushed to `sink` as
/// errors at `file:LINE:COL`, where LINE is counted in the whole file (content_line offset),
/// and a null Value is returned. A non-table top level is an error too.
doc::Value parse(Format format, std::string_view content, std::uint32_t content_line,
                 const std::string& file, DiagnosticSink& sink);

/// Parses a TOML document (a style file) into a Value table, errors as in parse().
doc::Value parse_toml(std::string_view text, const std::string& file, DiagnosticSink& sink);

/// Maps a front matter table to Metadata (DESIGN.md section 2): title, subtitle,
/// description/summary, author/authors, date, tags, categories, keywords, lang, draft, toc and
/// the `galley` table. Wrongly typed known keys are warned about and ignored.
doc::Metadata to_metadata(const doc::Value& table, const std::string& file, DiagnosticSink& sink);

}  // namespace galley::frontmatter
