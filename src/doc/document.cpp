// Plain-text views of the document model.
#include "doc/document.h"

namespace galley::doc {

static void append_plain(std::string& out, const std::vector<Inline>& inlines) {
    for (const Inline& in : inlines) {
        switch (in.kind) {
            case InlineKind::Text:
            case InlineKind::Code: out += in.text; break;
            case InlineKind::SoftBreak:
            case InlineKind::LineBreak: out += ' '; break;
            case InlineKind::FootnoteRef: break;
            default: append_plain(out, in.children); break;
        }
    }
}

std::string plain_text(const std::vector<Inline>& inlines) {
    std::string out;
    append_plain(out, inlines);
    return out;
}

}  // namespace galley::doc
