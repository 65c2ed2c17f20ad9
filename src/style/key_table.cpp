// The declared style keys as seen from outside style/: their KeyInfo, and the Markdown table
// of them that docs/STYLE-KEYS.md and `galley --list-style-keys` print.
#include "style/keys.h"
#include "style/style.h"

namespace galley::style {
namespace {

/// A table cell: a '|' would end the cell early.
std::string cell(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '|') out += '\\';
        out += c;
    }
    return out;
}

}  // namespace

const std::vector<KeyInfo>& declared_keys() {
    static const std::vector<KeyInfo> infos = [] {
        std::vector<KeyInfo> out;
        for (const Key& k : key_table()) out.push_back(k.info);
        return out;
    }();
    return infos;
}

std::string key_table_markdown() {
    std::string out = "| Key | Type | Default | Description |\n|---|---|---|---|\n";
    for (const KeyInfo& k : declared_keys())
        out += "| `" + k.name + "` | " + k.type + " | `" + cell(k.default_text) + "` | " +
               cell(k.doc) + " |\n";
    return out;
}

}  // namespace galley::style
