// Command tables: Unicode code points per the unicode-math names (TeX Live's unimath-symbols).
#include "math/symbols.h"

#include <algorithm>
#include <array>
#include <utility>

namespace galley::math {

namespace {

using enum AtomClass;

struct Entry {
    std::string_view name;
    SymbolInfo info;
};

constexpr Entry kSymbols[] = {
    {"Delta", {0x0394, Ord}},       {"Downarrow", {0x21D3, Rel}},     {"Gamma", {0x0393, Ord}},
    {"Im", {0x2111, Ord}},          {"Lambda", {0x039B, Ord}},        {"Leftarrow", {0x21D0, Rel}},
    {"Leftrightarrow", {0x21D4, Rel}}, {"Longleftrightarrow", {0x27FA, Rel}}, {"Longrightarrow", {0x27F9, Rel}},
    {"Omega", {0x03A9, Ord}},       {"Phi", {0x03A6, Ord}},           {"Pi", {0x03A0, Ord}},
    {"Psi", {0x03A8, Ord}},         {"Re", {0x211C, Ord}},            {"Rightarrow", {0x21D2, Rel}},
    {"Sigma", {0x03A3, Ord}},       {"Theta", {0x0398, Ord}},         {"Uparrow", {0x21D1, Rel}},
    {"Upsilon", {0x03A5, Ord}},     {"Vert", {0x2016, Ord}},          {"Xi", {0x039E, Ord}},
    {"aleph", {0x2135, Ord}},       {"alpha", {0x03B1, Ord}},         {"angle", {0x2220, Ord}},
    {"approx", {0x2248, Rel}},      {"ast", {0x2217, Bin}},           {"beta", {0x03B2, Ord}},
    {"bigcap", {0x22C2, Op, true}}, {"bigcup", {0x22C3, Op, true}},   {"bigodot", {0x2A00, Op, true}},
    {"bigoplus", {0x2A01, Op, true}}, {"bigotimes", {0x2A02, Op, true}}, {"bigsqcup", {0x2A06, Op, true}},
    {"bigvee", {0x22C1, Op, true}}, {"bigwedge", {0x22C0, Op, true}}, {"bot", {0x22A5, Ord}},
    {"bullet", {0x2219, Bin}},      {"cap", {0x2229, Bin}},           {"cdot", {0x22C5, Bin}},
    {"cdots", {0x22EF, Inner}},     {"chi", {0x03C7, Ord}},           {"circ", {0x2218, Bin}},
    {"colon", {0x003A, Punct}},     {"cong", {0x2245, Rel}},          {"coprod", {0x2210, Op, true}},
    {"cup", {0x222A, Bin}},         {"dagger", {0x2020, Bin}},        {"dashv", {0x22A3, Rel}},
    {"ddots", {0x22F1, Inner}},     {"delta", {0x03B4, Ord}},         {"div", {0x00F7, Bin}},
    {"dots", {0x2026, Inner}},      {"downarrow", {0x2193, Rel}},     {"ell", {0x2113, Ord}},
    {"emptyset", {0x2205, Ord}},    {"epsilon", {0x03F5, Ord}},       {"equiv", {0x2261, Rel}},
    {"eta", {0x03B7, Ord}},         {"exists", {0x2203, Ord}},        {"forall", {0x2200, Ord}},
    {"gamma", {0x03B3, Ord}},       {"ge", {0x2265, Rel}},            {"geq", {0x2265, Rel}},
    {"gets", {0x2190, Rel}},        {"gg", {0x226B, Rel}},            {"hbar", {0x210F, Ord}},
    {"iff", {0x27FA, Rel}},         {"iiint", {0x222D, Op}},          {"iint", {0x222C, Op}},
    {"implies", {0x27F9, Rel}},     {"in", {0x2208, Rel}},            {"infty", {0x221E, Ord}},
    {"int", {0x222B, Op}},          {"iota", {0x03B9, Ord}},          {"kappa", {0x03BA, Ord}},
    {"lambda", {0x03BB, Ord}},      {"land", {0x2227, Bin}},          {"langle", {0x27E8, Open}},
    {"lbrace", {0x007B, Open}},     {"lceil", {0x2308, Open}},        {"ldots", {0x2026, Inner}},
    {"le", {0x2264, Rel}},          {"leftarrow", {0x2190, Rel}},     {"leftrightarrow", {0x2194, Rel}},
    {"leq", {0x2264, Rel}},         {"lfloor", {0x230A, Open}},       {"ll", {0x226A, Rel}},
    {"lnot", {0x00AC, Ord}},        {"longleftarrow", {0x27F5, Rel}}, {"longmapsto", {0x27FC, Rel}},
    {"longrightarrow", {0x27F6, Rel}}, {"lor", {0x2228, Bin}},        {"lvert", {0x007C, Open}},
    {"mapsto", {0x21A6, Rel}},      {"mid", {0x2223, Rel}},           {"models", {0x22A8, Rel}},
    {"mp", {0x2213, Bin}},          {"mu", {0x03BC, Ord}},            {"nabla", {0x2207, Ord}},
    {"ne", {0x2260, Rel}},          {"neg", {0x00AC, Ord}},           {"neq", {0x2260, Rel}},
    {"ni", {0x220B, Rel}},          {"notin", {0x2209, Rel}},         {"nu", {0x03BD, Ord}},
    {"odot", {0x2299, Bin}},        {"oint", {0x222E, Op}},           {"omega", {0x03C9, Ord}},
    {"ominus", {0x2296, Bin}},      {"oplus", {0x2295, Bin}},         {"otimes", {0x2297, Bin}},
    {"parallel", {0x2225, Rel}},    {"partial", {0x2202, Ord}},       {"perp", {0x22A5, Rel}},
    {"phi", {0x03D5, Ord}},         {"pi", {0x03C0, Ord}},            {"pm", {0x00B1, Bin}},
    {"prec", {0x227A, Rel}},        {"prime", {0x2032, Ord}},         {"prod", {0x220F, Op, true}},
    {"propto", {0x221D, Rel}},      {"psi", {0x03C8, Ord}},           {"rangle", {0x27E9, Close}},
    {"rbrace", {0x007D, Close}},    {"rceil", {0x2309, Close}},       {"rfloor", {0x230B, Close}},
    {"rho", {0x03C1, Ord}},         {"rightarrow", {0x2192, Rel}},    {"rvert", {0x007C, Close}},
    {"setminus", {0x2216, Bin}},    {"sigma", {0x03C3, Ord}},         {"sim", {0x223C, Rel}},
    {"simeq", {0x2243, Rel}},       {"star", {0x22C6, Bin}},          {"subset", {0x2282, Rel}},
    {"subseteq", {0x2286, Rel}},    {"succ", {0x227B, Rel}},          {"sum", {0x2211, Op, true}},
    {"supset", {0x2283, Rel}},      {"supseteq", {0x2287, Rel}},      {"tau", {0x03C4, Ord}},
    {"theta", {0x03B8, Ord}},       {"times", {0x00D7, Bin}},         {"to", {0x2192, Rel}},
    {"top", {0x22A4, Ord}},         {"triangle", {0x25B3, Ord}},      {"uparrow", {0x2191, Rel}},
    {"upsilon", {0x03C5, Ord}},     {"varepsilon", {0x03B5, Ord}},    {"varnothing", {0x2205, Ord}},
    {"varphi", {0x03C6, Ord}},      {"varpi", {0x03D6, Ord}},         {"varrho", {0x03F1, Ord}},
    {"vartheta", {0x03D1, Ord}},    {"vdash", {0x22A2, Rel}},         {"vdots", {0x22EE, Ord}},
    {"vee", {0x2228, Bin}},         {"vert", {0x007C, Ord}},          {"wedge", {0x2227, Bin}},
    {"xi", {0x03BE, Ord}},          {"zeta", {0x03B6, Ord}},
};

// The tables are small and read only for formulas: a linear search keeps them free of order.
template <typename T, std::size_t N>
const T* find_named(const std::pair<std::string_view, T> (&table)[N], std::string_view name) {
    const auto* it = std::find_if(std::begin(table), std::end(table), [&](const auto& e) { return e.first == name; });
    return it != std::end(table) ? &it->second : nullptr;
}

constexpr std::pair<std::string_view, bool> kOperators[] = {
    {"Pr", true},      {"arccos", false}, {"arcsin", false}, {"arctan", false}, {"arg", false},
    {"argmax", true},  {"argmin", true},  {"cos", false},    {"cosh", false},   {"cot", false},
    {"coth", false},   {"csc", false},    {"deg", false},    {"det", true},     {"dim", false},
    {"exp", false},    {"gcd", true},     {"hom", false},    {"inf", true},     {"ker", false},
    {"lg", false},     {"lim", true},     {"liminf", true},  {"limsup", true},  {"ln", false},
    {"log", false},    {"max", true},     {"min", true},     {"sec", false},    {"sin", false},
    {"sinh", false},   {"sup", true},     {"tan", false},    {"tanh", false},
};

constexpr std::pair<std::string_view, float> kSpaces[] = {
    {" ", 6},  {",", 3},      {":", 4},     {";", 5},         {">", 4},        {"!", -3},
    {"enspace", 9}, {"qquad", 36}, {"quad", 18}, {"thinspace", 3}, {"medspace", 4}, {"thickspace", 5},
};

constexpr std::pair<std::string_view, AccentInfo> kAccents[] = {
    {"acute", {0x0301, false, false}},     {"bar", {0x0304, false, false}},      {"breve", {0x0306, false, false}},
    {"check", {0x030C, false, false}},     {"ddot", {0x0308, false, false}},     {"dot", {0x0307, false, false}},
    {"grave", {0x0300, false, false}},     {"hat", {0x0302, false, false}},      {"overbrace", {0x23DE, true, false}},
    {"overline", {0, true, false}},        {"tilde", {0x0303, false, false}},    {"underbrace", {0x23DF, true, true}},
    {"underline", {0, true, true}},        {"vec", {0x20D7, false, false}},      {"widehat", {0x0302, true, false}},
    {"widetilde", {0x0303, true, false}},
};

constexpr std::pair<std::string_view, Alphabet> kAlphabets[] = {
    {"boldsymbol", Alphabet::Bold}, {"mathbb", Alphabet::DoubleStruck}, {"mathbf", Alphabet::Bold},
    {"mathcal", Alphabet::Calligraphic}, {"mathfrak", Alphabet::Fraktur}, {"mathit", Alphabet::Italic}, {"mathrm", Alphabet::Roman},
    {"mathsf", Alphabet::Sans}, {"mathtt", Alphabet::Mono},
};

// Letters the Mathematical Alphanumeric Symbols block leaves out because they were encoded
// earlier (Letterlike Symbols): (alphabet, letter, code point).
struct Hole {
    Alphabet a;
    char32_t letter, cp;
};
constexpr Hole kHoles[] = {
    {Alphabet::Italic, 'h', 0x210E},       {Alphabet::Calligraphic, 'B', 0x212C}, {Alphabet::Calligraphic, 'E', 0x2130},
    {Alphabet::Calligraphic, 'F', 0x2131}, {Alphabet::Calligraphic, 'H', 0x210B}, {Alphabet::Calligraphic, 'I', 0x2110},
    {Alphabet::Calligraphic, 'L', 0x2112}, {Alphabet::Calligraphic, 'M', 0x2133}, {Alphabet::Calligraphic, 'R', 0x211B},
    {Alphabet::Calligraphic, 'e', 0x212F}, {Alphabet::Calligraphic, 'g', 0x210A}, {Alphabet::Calligraphic, 'o', 0x2134},
    {Alphabet::DoubleStruck, 'C', 0x2102}, {Alphabet::DoubleStruck, 'H', 0x210D}, {Alphabet::DoubleStruck, 'N', 0x2115},
    {Alphabet::DoubleStruck, 'P', 0x2119}, {Alphabet::DoubleStruck, 'Q', 0x211A}, {Alphabet::DoubleStruck, 'R', 0x211D},
    {Alphabet::DoubleStruck, 'Z', 0x2124}, {Alphabet::Fraktur, 'C', 0x212D},      {Alphabet::Fraktur, 'H', 0x210C},
    {Alphabet::Fraktur, 'I', 0x2111},      {Alphabet::Fraktur, 'R', 0x211C},      {Alphabet::Fraktur, 'Z', 0x2128},
};

// First code point of each alphabet's capitals, small letters and digits (0: not in Unicode).
struct Block {
    char32_t upper, lower, digit;
};
constexpr Block block(Alphabet a) {
    switch (a) {
        case Alphabet::Italic: return {0x1D434, 0x1D44E, 0};
        case Alphabet::Bold: return {0x1D400, 0x1D41A, 0x1D7CE};
        case Alphabet::Calligraphic: return {0x1D49C, 0x1D4B6, 0};
        case Alphabet::DoubleStruck: return {0x1D538, 0x1D552, 0x1D7D8};
        case Alphabet::Fraktur: return {0x1D504, 0x1D51E, 0};
        case Alphabet::Sans: return {0x1D5A0, 0x1D5BA, 0x1D7E2};
        case Alphabet::Mono: return {0x1D670, 0x1D68A, 0x1D7F6};
        default: return {0, 0, 0};
    }
}

}  // namespace

std::optional<SymbolInfo> command_symbol(std::string_view name) {
    const auto* it = std::find_if(std::begin(kSymbols), std::end(kSymbols), [&](const Entry& e) { return e.name == name; });
    if (it == std::end(kSymbols)) return std::nullopt;
    return it->info;
}

SymbolInfo char_symbol(char32_t c) {
    switch (c) {
        case '+': case '*': return {c == '*' ? char32_t{0x2217} : c, Bin};
        case '-': return {0x2212, Bin};
        case '=': case '<': case '>': case ':': return {c, Rel};
        case '(': case '[': return {c, Open};
        case ')': case ']': return {c, Close};
        case ',': case ';': return {c, Punct};
        case '\'': return {0x2032, Ord};
        default: return {c, Ord};
    }
}

std::optional<bool> named_operator(std::string_view name) {
    if (const bool* limits = find_named(kOperators, name)) return *limits;
    return std::nullopt;
}

std::optional<float> spacing(std::string_view name) {
    if (const float* mu = find_named(kSpaces, name)) return *mu;
    return std::nullopt;
}

std::optional<AccentInfo> accent(std::string_view name) {
    if (const AccentInfo* a = find_named(kAccents, name)) return *a;
    return std::nullopt;
}

std::optional<Alphabet> alphabet(std::string_view name) {
    if (const Alphabet* a = find_named(kAlphabets, name)) return *a;
    return std::nullopt;
}

char32_t styled(char32_t c, Alphabet a) {
    const bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z', digit = c >= '0' && c <= '9';
    const bool greek_lower = c >= 0x03B1 && c <= 0x03C9;
    if (a == Alphabet::Default) a = upper || lower || greek_lower ? Alphabet::Italic : Alphabet::Roman;
    if (a == Alphabet::Italic && greek_lower) return 0x1D6FC + (c - 0x03B1);
    if (a == Alphabet::Italic) {
        // The variant Greek letters have italic forms after omega's (U+1D716..U+1D71B).
        constexpr std::pair<char32_t, char32_t> kVariants[] = {{0x03F5, 0x1D716}, {0x03D1, 0x1D717}, {0x03D5, 0x1D719},
                                                               {0x03F1, 0x1D71A}, {0x03D6, 0x1D71B}, {0x2202, 0x1D715}};
        for (const auto& [from, to] : kVariants)
            if (c == from) return to;
    }
    if (!upper && !lower && !digit) return c;
    for (const Hole& h : kHoles)
        if (h.a == a && h.letter == c) return h.cp;
    const Block b = block(a);
    if (upper && b.upper) return b.upper + (c - 'A');
    if (lower && b.lower) return b.lower + (c - 'a');
    if (digit && b.digit) return b.digit + (c - '0');
    return c;
}

}  // namespace galley::math
