// Where a token without spaces may break besides UAX #14's opportunities: one rule shared by
// the paragraph breaker and table column measurement, so both agree on what cannot break.
#pragma once

#include <cstddef>
#include <string_view>

namespace galley::inlines {

/// Whether a token without spaces reads as a URL, path, e-mail address or identifier, by its
/// content and whatever its length: "://" or a leading "www.", or inside it (after trimming
/// the quotes, brackets and sentence punctuation around it) one of / \\ _ @ # ? & =, a dot
/// followed by a letter or digit ("example.com", "file.txt"), or a lower-case ASCII letter
/// followed by a capital ("camelCase"). Such a token may break after its URL punctuation and
/// is never hyphenated; any other word is hyphenated by its patterns.
bool url_like_token(std::string_view token);

/// Whether a token without spaces may break after its character `c`, which starts at byte
/// `at` and ends at `end`, besides UAX #14's opportunities: after a hyphen inside the current
/// part (`part_start` < `at`) that no digit follows ("well-known", not "-5" or "MOB-811"), and
/// in a URL-like token after / . _ - # ? & = but never between the slashes of "//" (see
/// url_like_token).
bool breaks_after(std::string_view token, std::size_t part_start, std::size_t at, std::size_t end, char32_t c,
                  bool url_like);

}  // namespace galley::inlines
