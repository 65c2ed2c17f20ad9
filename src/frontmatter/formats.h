// Internal to frontmatter/: the three format readers (TOML, YAML, JSON) behind parse(), and what
// they share: where the text sits in the file, and the limits on hostile input.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "doc/value.h"
#include "galley/diagnostic.h"

namespace galley::frontmatter {

/// Where parsed text sits in its file, so positions inside it become file positions.
struct Origin {
    const std::string& file;
    std::uint32_t first_line;  // 1-based file line of the text's first line

    /// A position inside the text (1-based line and column) as a position in the file.
    SourceLocation at(std::uint32_t line, std::uint32_t column) const {
        return {file, first_line + line - 1, column};
    }
};

/// The 1-based line and column of byte `offset` in `text` (columns count bytes).
inline std::pair<std::uint32_t, std::uint32_t> line_and_column(std::string_view text,
                                                               std::size_t offset) {
    offset = std::min(offset, text.size());
    const std::string_view before = text.substr(0, offset);
    const std::size_t last_newline = before.rfind('\n');
    const std::size_t line_start = last_newline == std::string_view::npos ? 0 : last_newline + 1;
    const auto lines = std::count(before.begin(), before.end(), '\n');
    return {static_cast<std::uint32_t>(lines) + 1,
            static_cast<std::uint32_t>(offset - line_start) + 1};
}

/// Nesting deeper than this is refused: the readers convert recursively, and no honest front
/// matter or style file comes near it.
constexpr int kMaxDepth = 100;
/// A YAML alias repeats a whole subtree; a chain of them ("billion laughs") would expand without
/// bound, so conversion stops after this many values.
constexpr std::size_t kMaxValues = 100'000;

/// Thrown by a reader's conversion when a limit above is hit; parse() reports it as an error.
struct TooComplex {
    SourceLocation where;
    std::string message;
};

/// Each reader returns the converted value, or null after pushing an error to `sink`.
doc::Value read_toml(std::string_view text, const Origin& origin, DiagnosticSink& sink);
doc::Value read_yaml(std::string_view text, const Origin& origin, DiagnosticSink& sink);
doc::Value read_json(std::string_view text, const Origin& origin, DiagnosticSink& sink);

/// A value with the place it was read from.
template <class T>
doc::Value make_value(T data, SourceLocation where) {
    doc::Value v;
    v.data = std::move(data);
    v.location = std::move(where);
    return v;
}

}  // namespace galley::frontmatter
