// Table captions as pandoc writes them: a paragraph `Table: text` or `: text` right after (or
// else right before) a table, with an optional `{#tbl:name}` at its end.
#pragma once

#include <vector>

#include "doc/document.h"

namespace galley::markdown {

/// Moves each caption paragraph into its table, at any depth of `blocks`: the table's
/// `inlines` become the caption text without its marker and its `{#id}`, and `slug` the id.
void attach_table_captions(std::vector<doc::Block>& blocks);

}  // namespace galley::markdown
