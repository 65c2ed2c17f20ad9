// Fuzz target: a style file (TOML) parsed and applied over the built-in defaults, as `--style`
// is; every value is checked and converted by the style stage.
#include <cstdint>
#include <string_view>

#include "frontmatter/frontmatter.h"
#include "style/style.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace galley;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    DiagnosticSink sink;
    const doc::Value table = frontmatter::parse_toml(text, "fuzz.toml", sink);
    if (sink.has_errors()) return 0;
    style::Style style;
    style::apply(style, table, sink);
    return 0;
}
