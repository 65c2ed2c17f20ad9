// Liang pattern dictionaries (libhyphen's .dic format) read into libhyphen's matching automaton
// in one pass over the bytes, into memory this module owns: libhyphen's own loader hashes every
// prefix of every pattern and allocates per state and per string, which made loading the
// English patterns cost more than setting a one-page report.
#pragma once

#include <hyphen.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace galley::linebreak {

/// A pattern dictionary as libhyphen's matcher (hnj_hyphen_hyphenate3) reads it: the same
/// states, pattern digits, replacements, fallback states and compound level as
/// hnj_hyphen_load_file builds from the same bytes (libhyphen 2.8.8, including how it reads a
/// line longer than its 99-byte buffer), so words hyphenate exactly as they did with it; the
/// one difference is that a second NOHYPHEN line replaces the first's count as well as its
/// list (2.8.8 kept the count, and its matcher read past the list). Not copyable: the levels
/// point into each other and into the object's own arrays.
class PatternDictionary {
public:
    explicit PatternDictionary(std::string_view dic);
    PatternDictionary(const PatternDictionary&) = delete;
    PatternDictionary& operator=(const PatternDictionary&) = delete;

    /// The first line of the file: the encoding of the patterns ("UTF-8", "ISO8859-1", ...).
    std::string_view charset() const { return top_->cset; }
    /// The dictionary to hand to hnj_hyphen_hyphenate3 (never to hnj_hyphen_free).
    HyphenDict* dict() { return top_; }

private:
    /// Both levels in libhyphen's order: the file's patterns, then either the patterns after
    /// NEXTLEVEL or libhyphen's default compound level (hyphens and apostrophes).
    std::array<HyphenDict, 2> dicts_{};
    std::array<std::vector<HyphenState>, 2> states_;
    std::array<std::vector<HyphenTrans>, 2> transitions_;
    /// Pattern digits, replacements and NOHYPHEN lists, each NUL-terminated.
    std::string strings_;
    HyphenDict* top_ = nullptr;
};

}  // namespace galley::linebreak
