// Raw HTML inside Markdown. galley renders none of it (DESIGN.md section 2): a comment vanishes,
// <br> is a line break, <img> a picture, and of an HTML block only the visible text survives.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "doc/document.h"

namespace galley::markdown::html {

enum class InlineHtml { Comment, LineBreak, Image, Other };

/// What one inline HTML node of cmark-gfm (a single tag or comment) means to galley: `<br>` a
/// line break, `<img>` a picture.
InlineHtml classify_inline(std::string_view literal);

/// The attributes of a start tag (`<img src="a.png" width=300 alt='x'>`): names lower-cased,
/// values with entities decoded; `id` and `class` in their own fields.
doc::Attributes tag_attributes(std::string_view tag);

/// The `<img>` tags of an HTML block that holds nothing else (white space between them); empty
/// when it holds anything else.
std::vector<std::string_view> image_tags(std::string_view block);

/// The first tag of some raw HTML, shortened, for the "not rendered" warning.
std::string excerpt(std::string_view literal);

/// The visible text of an HTML block: tags, comments, script and style contents removed,
/// common entities decoded, whitespace collapsed as a browser would.
struct BlockText {
    std::vector<std::string> lines;  // split at <br>; a line may be empty
    bool dropped_markup = false;     // something besides comments was removed
};
BlockText block_text(std::string_view literal);

}  // namespace galley::markdown::html
