// GitHub alerts (`> [!NOTE]`) and Obsidian callouts (`> [!info] Title`): block quotes whose
// first line names a kind become the model's callouts.
#pragma once

#include "doc/document.h"

namespace galley::markdown::alerts {

/// Turns `quote` (a BlockQuote) into a Callout when its first paragraph starts with `[!word]`:
/// `label` = the word in lower case, `inlines` = the rest of that line (an Obsidian title; empty
/// for GitHub's form), an Obsidian fold marker (`+`/`-`) after the bracket ignored; the marker
/// line leaves the paragraph (an emptied paragraph leaves the callout). Anything else is left
/// as it is.
void to_callout(doc::Block& quote);

}  // namespace galley::markdown::alerts
