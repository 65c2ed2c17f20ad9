// Plain-text views of the document model.
#include "doc/document.h"

#include <algorithm>
#include <utility>

#include "base/ascii.h"

namespace galley::doc {

const std::string* Attributes::value(std::string_view key) const {
    const auto same = [key](const std::string& k) {
        return std::equal(k.begin(), k.end(), key.begin(), key.end(),
                          [](char a, char b) { return ascii::to_lower(a) == ascii::to_lower(b); });
    };
    for (auto it = values.rbegin(); it != values.rend(); ++it)
        if (same(it->first)) return &it->second;
    return nullptr;
}

bool Attributes::has_class(std::string_view name) const {
    return std::find(classes.begin(), classes.end(), name) != classes.end();
}

std::string plain_text(const std::vector<Inline>& inlines) {
    // Depth first with an explicit stack of (siblings, next index): no recursion however the
    // inlines nest.
    std::string out;
    std::vector<std::pair<const std::vector<Inline>*, std::size_t>> stack{{&inlines, 0}};
    while (!stack.empty()) {
        auto& [siblings, next] = stack.back();
        if (next == siblings->size()) {
            stack.pop_back();
            continue;
        }
        const Inline& in = (*siblings)[next++];
        switch (in.kind) {
            case InlineKind::Text:
            case InlineKind::Code:
            case InlineKind::Math:
            case InlineKind::DisplayMath: out += in.text; break;
            case InlineKind::SoftBreak:
            case InlineKind::LineBreak: out += ' '; break;
            case InlineKind::FootnoteRef: break;
            default: stack.push_back({&in.children, 0}); break;
        }
    }
    return out;
}

}  // namespace galley::doc
