// libhyphen's matcher behind a small, pure interface: dictionaries come in as bytes (read into
// its automaton by patterns.cpp), words as UTF-8, hyphenation points go out as byte offsets.
#include "linebreak/hyphenate.h"

#include <hyphen.h>
#include <iconv.h>

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
        const std::optional<std::string> text =
            as_utf8(std::string_view(reinterpret_cast<const char*>(dic->data()), dic->size()));
        if (!text) return nullptr;
        auto d = std::make_unique<PatternDictionary>(*text);
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

/// The iconv name of a dictionary's encoding line, or empty when it names none galley knows.
/// libhyphen accepts any text; a real dictionary names its encoding on the first line
/// ("ISO8859-2", "KOI8-R", "microsoft-cp1251").
std::string iconv_name(std::string_view cset) {
    if (cset.starts_with("ISO8859-")) return "ISO-8859-" + std::string(cset.substr(8));
    if (cset.starts_with("KOI8-")) return std::string(cset);
    if (cset.starts_with("microsoft-cp")) return "CP" + std::string(cset.substr(12));
    return {};
}

}  // namespace

std::optional<std::string> as_utf8(std::string_view dic) {
    const std::size_t eol = std::min(dic.find_first_of("\r\n"), dic.size());
    const std::string_view cset = dic.substr(0, eol);
    if (cset.starts_with("UTF-8")) return std::string(dic);
    const std::string from = iconv_name(cset);
    if (from.empty()) return std::nullopt;
    iconv_t cd = iconv_open("UTF-8", from.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
    const std::string_view body = dic.substr(eol);
    std::string out = "UTF-8";
    out.resize(out.size() + body.size() * 4);  // at most 4 bytes per byte of any 8-bit encoding
    char* in = const_cast<char*>(body.data());
    std::size_t in_left = body.size();
    char* to = out.data() + 5;
    std::size_t to_left = out.size() - 5;
    const std::size_t rc = iconv(cd, &in, &in_left, &to, &to_left);
    iconv_close(cd);
    if (rc == static_cast<std::size_t>(-1)) return std::nullopt;
    out.resize(out.size() - to_left);
    return out;
}

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
    // The lower-cased word in UTF-8 (every dictionary is UTF-8 once read), remembering where
    // each character starts in the input: libhyphen numbers a UTF-8 word's points by character.
    std::string encoded;
    std::vector<std::size_t> char_offset;  // per character: its offset in `word`
    for (std::size_t pos = 0; pos < word.size();) {
        char_offset.push_back(pos);
        utf8::append(encoded, to_lower(utf8::decode(word, pos)));
    }
    if (char_offset.size() < static_cast<std::size_t>(im.left_min + im.right_min)) return {};

    std::vector<char> hyphens(encoded.size() + 5, 0);
    char** rep = nullptr;
    int* pos = nullptr;
    int* cut = nullptr;
    const int rc = hnj_hyphen_hyphenate3(dict, encoded.data(), static_cast<int>(encoded.size()), hyphens.data(),
                                         nullptr, &rep, &pos, &cut, im.left_min, im.right_min, im.left_min,
                                         im.right_min);
    std::vector<std::size_t> out;
    if (rc == 0) {
        for (std::size_t i = 0; i + 1 < char_offset.size(); ++i) {
            // An odd digit after character i allows a hyphen there. Points with a replacement
            // (old German "ck" -> "k-k") change the spelling; galley does not take them.
            if ((hyphens[i] & 1) == 0 || (rep && rep[i])) continue;
            out.push_back(char_offset[i + 1]);
        }
    }
    if (rep) {
        for (std::size_t i = 0; i < char_offset.size(); ++i) std::free(rep[i]);
        std::free(rep);
    }
    std::free(pos);
    std::free(cut);
    return out;
}

namespace {

/// The country whose dictionary the language alone means, where Debian's hyphen-* packages
/// name it otherwise than by the language's own letters in capitals (hyph_de_DE, hyph_ru_RU).
std::string_view main_country(std::string_view language) {
    static constexpr std::pair<std::string_view, std::string_view> kCountries[] = {
        {"af", "ZA"}, {"be", "BY"}, {"ca", "ES"}, {"cs", "CZ"}, {"da", "DK"}, {"el", "GR"}, {"en", "US"},
        {"et", "EE"}, {"gl", "ES"}, {"nb", "NO"}, {"nn", "NO"}, {"no", "NO"}, {"sl", "SI"}, {"sr", "RS"},
        {"sv", "SE"}, {"uk", "UA"}, {"zu", "ZA"},
    };
    for (const auto& [lang, country] : kCountries)
        if (lang == language) return country;
    return {};
}

}  // namespace

std::vector<std::string> pattern_files(std::string_view lang) {
    std::string tag(lang);
    for (char& c : tag)
        if (c == '-') c = '_';
    const std::string primary = tag.substr(0, tag.find('_'));
    std::vector<std::string> out;
    if (tag != primary) out.push_back("hyph_" + tag + ".dic");
    out.push_back("hyph_" + primary + ".dic");
    // The language alone most often means its main variant.
    std::string country(main_country(primary));
    if (country.empty())
        for (char c : primary) country += static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    if (tag != primary + "_" + country) out.push_back("hyph_" + primary + "_" + country + ".dic");
    // Norwegian: Bokmål's patterns serve "no".
    if (primary == "no") out.push_back("hyph_nb_NO.dic");
    return out;
}

}  // namespace galley::linebreak
