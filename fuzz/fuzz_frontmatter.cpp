// Fuzz target: front matter (TOML, YAML or JSON) found at the start of a document, parsed and
// mapped to the document's metadata, as render() does.
#include <cstdint>

#include "frontmatter/frontmatter.h"
#include "fuzz_text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace galley;
    const std::string text = fuzz::valid_text(data, size);
    DiagnosticSink sink;
    const frontmatter::Split split = frontmatter::split(text, "fuzz.md", sink);
    if (split.format == frontmatter::Format::None) return 0;
    const doc::Value table = frontmatter::parse(split.format, split.content, split.content_line, "fuzz.md", sink);
    if (sink.has_errors()) return 0;
    frontmatter::to_metadata(table, "fuzz.md", sink);
    return 0;
}
