// Numbers written as roman numerals and letters: page labels of front matter (i, ii, ...) and
// heading numbers (A.1, I.2).
#pragma once

#include <string>
#include <utility>

namespace galley::numerals {

/// `n` (>= 1) in roman numerals, lower case ("xiv") or upper case ("XIV"); "" for n < 1.
inline std::string roman(int n, bool upper = false) {
    static const std::pair<int, const char*> parts[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"},
                                                        {100, "c"},  {90, "xc"},  {50, "l"},  {40, "xl"},
                                                        {10, "x"},   {9, "ix"},   {5, "v"},   {4, "iv"},
                                                        {1, "i"}};
    std::string out;
    for (const auto& [value, text] : parts)
        for (; n >= value; n -= value) out += text;
    if (upper)
        for (char& c : out) c = static_cast<char>(c - 'a' + 'A');
    return out;
}

/// `n` (>= 1) as letters from `a` ('a' or 'A'): a, b, ... z, aa, ab, ...
inline std::string letters(int n, char a = 'a') {
    std::string out;
    for (int k = n; k > 0; k = (k - 1) / 26) out.insert(out.begin(), static_cast<char>(a + (k - 1) % 26));
    return out;
}

}  // namespace galley::numerals
