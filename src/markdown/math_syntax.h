// The math syntax extension of cmark-gfm: `$…$` inline and `$$…$$` display formulas, read
// before Markdown's inline rules so that nothing inside a formula is taken as Markdown.
#pragma once

#include <cmark-gfm-extension_api.h>

#include <string_view>
#include <vector>

#include "doc/document.h"

namespace galley::markdown {

/// The extension (made once per process); attach it to each parser. A formula it reads is a
/// code span node whose literal is the TeX source, marked as a formula (math_node()).
cmark_syntax_extension* math_extension();

enum class MathNode { None, Inline, Display };
/// Whether a code span node is a formula the extension read, and which kind.
MathNode math_node(cmark_node* n);

/// Whether `b` is a paragraph with display formulas at its top level.
bool holds_display_math(const doc::Block& b);
/// Such a paragraph as blocks in order: the text before each formula as a paragraph, the
/// formula as a Math block; pieces of only spaces and line breaks are dropped.
std::vector<doc::Block> split_display_math(doc::Block b);

/// Whether a code fence's info string asks for a display formula (```` ```math ````).
bool is_math_fence(std::string_view info);

}  // namespace galley::markdown
