// Raw HTML inside Markdown. galley renders no HTML layout (DESIGN.md section 2): a comment
// vanishes, inline elements with a plain meaning (<sub>, <kbd>, <a href>, <img>, ...) become
// the model's inlines, and of an HTML block only the visible text survives.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "doc/document.h"

namespace galley::markdown::html {

enum class InlineHtml {
    Comment,    // <!-- ... -->
    LineBreak,  // <br>, <br/>
    Open,       // a start tag: <sub>, <a href=...>
    Close,      // an end tag: </sub>
    Empty,      // a tag without content: <img ...>, <hr>, <x/>
    Other,      // not a tag (a declaration, a processing instruction)
};

/// One inline HTML node of cmark-gfm (a single tag or comment), read.
struct InlineTag {
    InlineHtml kind = InlineHtml::Other;
    std::string name;  // lower-case tag name
    std::vector<std::pair<std::string, std::string>> attributes;  // names lower-case, entities decoded

    /// The value of attribute `name` (lower-case), empty when absent.
    std::string attribute(std::string_view name) const;
};

InlineTag classify_inline(std::string_view literal);

/// The model's element for a start tag with a plain meaning, into `in` (kind, url, title): <b>
/// <strong> <i> <em> <cite> <dfn> <var> <s> <del> <strike> <ins> <u> <sub> <sup> <mark> <kbd>
/// <small> <code> <tt> <samp> <a href>. false for any other tag (<img> is an image with its
/// attributes: tag_attributes).
bool element(const InlineTag& tag, doc::Inline& in);

/// Tags that only group text (<span>, <abbr>, <a> without href, ...): left out without a
/// warning, their content kept.
bool is_transparent(std::string_view name);

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
