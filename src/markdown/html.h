// Raw HTML inside Markdown. galley renders none of it (DESIGN.md section 2): a comment vanishes,
// <br> is a line break, and of an HTML block only the visible text survives.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace galley::markdown::html {

enum class InlineHtml { Comment, LineBreak, Other };

/// What one inline HTML node of cmark-gfm (a single tag or comment) means to galley.
InlineHtml classify_inline(std::string_view literal);

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
