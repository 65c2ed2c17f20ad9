// libhyphen's matcher behind a small, pure interface: dictionaries come in as bytes (read into
// its automaton by patterns.cpp), words as UTF-8, hyphenation points go out as byte offsets.
#include "linebreak/hyphenate.h"

#include <hyphen.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <unordered_map>
#include <utility>

#include "base/utf8.h"
#include "linebreak/patterns.h"

namespace galley::linebreak {

struct Hyphenator::Impl {
    Source source;  // until the first word asks
    std::unique_ptr<PatternDictionary> patterns;
    /// Points by word: a report repeats its words, and pattern matching is the costly part.
    std::unordered_map<std::string, std::vector<std::size_t>> cache;
    int left_min = 2;
    int right_min = 3;

    /// The patterns, read on the first call; nullptr when there are none.
    PatternDictionary* dictionary() {
        if (!source) return patterns.get();
        const std::optional<Bytes> dic = std::exchange(source, nullptr)();
        if (!dic || dic->empty()) return nullptr;
        auto d = std::make_unique<PatternDictionary>(
            std::string_view(reinterpret_cast<const char*>(dic->data()), dic->size()));
        // libhyphen accepts any text; a real dictionary names its encoding on the first line.
        const std::string_view cset = d->charset();
        if (cset.rfind("UTF-8", 0) != 0 && cset.rfind("ISO8859", 0) != 0 && cset.rfind("KOI8", 0) != 0 &&
            cset.rfind("microsoft-cp", 0) != 0)
            return nullptr;
        left_min = std::max<int>(left_min, d->dict()->lhmin);
        right_min = std::max<int>(right_min, d->dict()->rhmin);
        patterns = std::move(d);
        return patterns.get();
    }
};

Hyphenator::Hyphenator(Source source, int left_min, int right_min) : impl_(std::make_unique<Impl>()) {
    impl_->source = std::move(source);
    impl_->left_min = left_min;
    impl_->right_min = right_min;
}

Hyphenator::~Hyphenator() = default;

namespace {

/// Lower case for the letters the pattern files hold: ASCII, Latin-1, Latin Extended-A, Greek
/// and Cyrillic capitals (the patterns are lower case; libhyphen does not fold case).
char32_t to_lower(char32_t c) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 32;
    if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x138 && c != 0x149 && c != 0x178) {
        // Latin Extended-A pairs capital/small as even/odd, except in two odd-aligned runs.
        const bool odd_pairs = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
        return odd_pairs ? (c % 2 ? c + 1 : c) : (c % 2 ? c : c + 1);
    }
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;
    if (c >= 0x410 && c <= 0x42F) return c + 32;
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    return c;
}

}  // namespace

const std::vector<std::size_t>& Hyphenator::points(std::string_view word) const {
    static const std::vector<std::size_t> none;
    Impl& im = *impl_;
    // A word too short for a hyphen has no points whatever the patterns say, and does not
    // make them load. The word is valid UTF-8: its characters are the bytes that do not
    // continue one.
    const auto characters = std::count_if(word.begin(), word.end(), [](char c) { return (c & 0xC0) != 0x80; });
    if (characters < im.left_min + im.right_min || !im.dictionary()) return none;
    const std::string key(word);
    if (auto it = im.cache.find(key); it != im.cache.end()) return it->second;
    return im.cache.emplace(key, compute(word)).first->second;
}

std::vector<std::size_t> Hyphenator::compute(std::string_view word) const {
    const Impl& im = *impl_;
    HyphenDict* dict = im.patterns->dict();
    // Encode the lower-cased word the way the dictionary expects, remembering where each
    // encoded byte's character starts in the UTF-8 input.
    std::string encoded;
    std::vector<std::size_t> source_offset;  // per encoded byte: offset of its character in `word`
    std::size_t letters = 0;
    for (std::size_t pos = 0; pos < word.size();) {
        const std::size_t start = pos;
        const char32_t c = to_lower(utf8::decode(word, pos));
        const std::size_t before = encoded.size();
        if (dict->utf8) {
            utf8::append(encoded, c);
        } else {
            if (c > 0xFF) return {};
            encoded += static_cast<char>(c);
        }
        source_offset.insert(source_offset.end(), encoded.size() - before, start);
        ++letters;
    }
    if (letters < static_cast<std::size_t>(im.left_min + im.right_min)) return {};

    std::vector<char> hyphens(encoded.size() + 5, 0);
    char** rep = nullptr;
    int* pos = nullptr;
    int* cut = nullptr;
    const int rc = hnj_hyphen_hyphenate3(dict, encoded.data(), static_cast<int>(encoded.size()), hyphens.data(),
                                         nullptr, &rep, &pos, &cut, im.left_min, im.right_min, im.left_min,
                                         im.right_min);
    std::vector<std::size_t> out;
    if (rc == 0) {
        for (std::size_t i = 0; i + 1 < encoded.size(); ++i) {
            // An odd digit after byte i allows a hyphen there. Points with a replacement
            // (old German "ck" -> "k-k") change the spelling; galley does not take them.
            if ((hyphens[i] & 1) == 0 || (rep && rep[i])) continue;
            const std::size_t next = source_offset[i + 1];
            if (next != source_offset[i] && (out.empty() || out.back() != next)) out.push_back(next);
        }
    }
    if (rep) {
        for (std::size_t i = 0; i < encoded.size(); ++i) std::free(rep[i]);
        std::free(rep);
    }
    std::free(pos);
    std::free(cut);
    return out;
}

std::vector<std::string> pattern_files(std::string_view lang) {
    std::string tag(lang);
    for (char& c : tag)
        if (c == '-') c = '_';
    const std::string primary = tag.substr(0, tag.find('_'));
    std::vector<std::string> out;
    if (tag != primary) out.push_back("hyph_" + tag + ".dic");
    out.push_back("hyph_" + primary + ".dic");
    // The language alone most often means its main variant.
    if (primary == "en") out.push_back("hyph_en_US.dic");
    if (primary == "de") out.push_back("hyph_de_DE.dic");
    if (primary == "fr") out.push_back("hyph_fr_FR.dic");
    return out;
}

}  // namespace galley::linebreak
