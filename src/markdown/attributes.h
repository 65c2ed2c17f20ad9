// The one attribute syntax of galley's Markdown, pandoc's and kramdown's: `{#id .class key=value
// key="quoted value"}`, also `{: ...}`. Images take it after them (`![x](a.png){width=60%}`);
// headings and code fences can use the same parser.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "doc/document.h"

namespace galley::markdown {

/// An attribute block and how many bytes of the text it took.
struct ParsedAttributes {
    doc::Attributes attributes;
    std::size_t length = 0;
};

/// The most bytes an attribute block may span: a longer `{...}` is text.
inline constexpr std::size_t kMaxAttributeBytes = 4096;

/// Reads an attribute block at the very start of `text`: `{`, an optional `:`, then items
/// separated by spaces or tabs: `#id`, `.class`, `key=value` (value unquoted up to a space or
/// `}`, or in "double" or 'single' quotes, a backslash escaping the quote), and `}`. Names are
/// letters, digits and `-_:.`; a key starts with a letter or `_`. Nothing when the text does
/// not start with such a block (an empty `{}`, an unknown item, no `}` within
/// kMaxAttributeBytes): it is then ordinary text.
std::optional<ParsedAttributes> parse_attributes(std::string_view text);

/// Moves an attribute block that starts the text right after an image (`![x](a.png){width=60%}`)
/// into the image's attributes, at any depth of `inlines` (inside links and emphasis too); the
/// text keeps what follows the block. An image that has attributes already (from HTML) keeps
/// them and its text stays.
void attach_image_attributes(std::vector<doc::Inline>& inlines);

/// Takes an attribute block that ends `inlines` (a heading's `{#custom-id .unnumbered}`,
/// pandoc's `{-}` reading as `.unnumbered`), with the spaces before it, out of the last text
/// run. Nothing when the text does not end with one standing apart from the word before it.
std::optional<doc::Attributes> take_trailing_attributes(std::vector<doc::Inline>& inlines);

}  // namespace galley::markdown
