// Plain-text views of the document model.
#include "doc/document.h"

#include <utility>

namespace galley::doc {

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
