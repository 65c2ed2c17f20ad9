// Heading anchors made unique within one document (the public slug() is in markdown.h).
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace galley::markdown {

/// Hands out GitHub's anchors in document order: the first "Summary" is "summary", later ones
/// "summary-1", "summary-2", .... Like github-slugger, the counter is kept per base slug and a
/// candidate already taken (say a heading literally titled "Summary 1") is skipped, so every
/// anchor is distinct: "a", "a", "a-1" give "a", "a-1", "a-1-1".
class UniqueSlugs {
public:
    std::string add(std::string_view heading_text);
    /// Takes `id` as it is (an author's `{#id}`), so that later headings' anchors avoid it.
    std::string claim(std::string_view id);

private:
    std::map<std::string, int, std::less<>> occurrences_;
};

}  // namespace galley::markdown
