// Definition lists as pandoc, PHP Markdown Extra and Goldmark (Hugo) write them:
//
//     Term                      Term
//     : Definition              
//                               :   Definition, a loose list
//
// cmark-gfm reads both as paragraphs; this step regroups them.
#pragma once

#include <vector>

#include "doc/document.h"

namespace galley::markdown::definitions {

/// Regroups paragraphs of `blocks` (and of every container in them) into DefinitionLists:
/// a paragraph whose later lines start with `: ` holds its terms (the lines before) and their
/// definitions; a one-line paragraph followed by paragraphs that start with `: ` is a term with
/// loose definitions. Consecutive entries form one list.
void group(std::vector<doc::Block>& blocks);

}  // namespace galley::markdown::definitions
