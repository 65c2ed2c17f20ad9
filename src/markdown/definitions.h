// Definition lists as pandoc, PHP Markdown Extra and Goldmark (Hugo) write them:
//
//     Term                      Term
//     : Definition              
//                               :   Definition, a loose list
//
// cmark-gfm reads both as paragraphs; this step regroups them.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "doc/document.h"

namespace galley::markdown::definitions {

/// A definition's further blocks, from the indented code block cmark-gfm made of them (its
/// text is their Markdown, the indentation removed); nullopt to leave the code block as it is.
using Content = std::function<std::optional<std::vector<doc::Block>>(const doc::Block& code)>;

/// Regroups paragraphs of `blocks` (and of every container in them) into DefinitionLists:
/// a paragraph whose later lines start with `: ` holds its terms (the lines before) and their
/// definitions; a one-line paragraph followed by paragraphs that start with `: ` is a term with
/// loose definitions; a paragraph that starts with `: ` right after a list adds a definition to
/// its last term. Consecutive entries form one list. As in pandoc, blocks indented four spaces
/// (or a tab) after a definition belong to it: `content` reads them.
void group(std::vector<doc::Block>& blocks, const Content& content);

}  // namespace galley::markdown::definitions
