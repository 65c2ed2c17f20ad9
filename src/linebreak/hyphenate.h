// Hyphenation points from Liang's patterns (Liang, "Word Hy-phen-a-tion by Com-put-er", 1983)
// through libhyphen, the library and pattern format of the hyphen-* packages Debian ships.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "galley/galley.h"

namespace galley::linebreak {

/// Hyphenation patterns of one language, read when the first word asks for its points. Pure:
/// the pattern file's bytes are handed in.
class Hyphenator {
public:
    /// Yields the bytes of a libhyphen pattern dictionary (hyph_xx_YY.dic in the encoding its
    /// first line names, see as_utf8), or std::nullopt when there is none.
    using Source = std::function<std::optional<Bytes>()>;

    /// `source` is called once, when the first word asks for its points: a document that never
    /// hyphenates (only headings, code and tables) neither reads nor parses the patterns.
    /// `left_min` and `right_min` are the fewest letters kept before and after a hyphen (TeX's
    /// \lefthyphenmin and \righthyphenmin); the larger of these and the dictionary's own
    /// minimums applies. Without a dictionary (no bytes, or bytes that are not one) no word
    /// has points.
    Hyphenator(Source source, int left_min, int right_min);
    ~Hyphenator();
    Hyphenator(const Hyphenator&) = delete;
    Hyphenator& operator=(const Hyphenator&) = delete;

    /// Byte offsets into `word` (UTF-8, letters only, any case) before which a hyphen may be
    /// inserted, ascending. Empty when the word is too short or holds characters the
    /// dictionary's encoding cannot express. Results are cached per word (not thread safe).
    const std::vector<std::size_t>& points(std::string_view word) const;

private:
    std::vector<std::size_t> compute(std::string_view word) const;
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// A pattern dictionary's bytes in UTF-8: converted (iconv) from the encoding its first line
/// names (ISO8859-n, KOI8-x, microsoft-cpNNNN) with that line made "UTF-8"; unchanged when it
/// is UTF-8 already; std::nullopt when the line names no encoding or the bytes do not convert.
std::optional<std::string> as_utf8(std::string_view dic);

/// Pattern file names to try, most specific first, for a BCP 47 language tag:
/// "de-CH" -> {"hyph_de_CH.dic", "hyph_de.dic"}; "en" -> {"hyph_en.dic", "hyph_en_US.dic"}.
std::vector<std::string> pattern_files(std::string_view lang);

}  // namespace galley::linebreak
