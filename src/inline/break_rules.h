// Where a token without spaces may break besides UAX #14's opportunities: one rule shared by
// the paragraph breaker and table column measurement, so both agree on what cannot break.
#pragma once

#include <cstddef>
#include <string_view>

namespace galley::inlines {

/// Tokens longer than this many bytes may break after URL punctuation (as links and code do).
constexpr std::size_t kUrlLikeToken = 16;

/// Whether a token without spaces may break after its character `c`, which starts at byte
/// `at` and ends at `end`, besides UAX #14's opportunities: after a hyphen inside the current
/// part (`part_start` < `at`) that no digit follows ("well-known", not "-5" or "MOB-811"), and
/// in a URL-like token after / . _ - # ? & = but never between the slashes of "//".
bool breaks_after(std::string_view token, std::size_t part_start, std::size_t at, std::size_t end, char32_t c,
                  bool url_like);

}  // namespace galley::inlines
