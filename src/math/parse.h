// TeX math source → the typed math tree (tree.h): the subset of LaTeX reports use.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "math/tree.h"

namespace galley::math {

/// Why a formula could not be read: `offset` is the byte in the source where the problem is.
struct ParseError {
    std::size_t offset = 0;
    std::string message;
};

/// Groups, scripts, environments and \left…\right nest at most this deep in one formula; deeper
/// input is an error (the parser and the layout recurse).
inline constexpr int max_depth = 64;

/// The formula in `source`, or std::nullopt with `error` set: an unknown command, unbalanced
/// braces or environments, a double script, nesting past max_depth.
std::optional<Formula> parse(std::string_view source, ParseError& error);

}  // namespace galley::math
