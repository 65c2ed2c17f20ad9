// Fuzz target: a Markdown body to the document model (cmark-gfm and galley's mapping of its
// tree: footnotes, slugs, raw HTML), whole and a section at a time as a long body is read.
#include <cstdint>
#include <memory>
#include <vector>

#include "fuzz_text.h"
#include "markdown/markdown.h"

namespace {

/// Sections this small make SectionReader cut even a short input into several.
constexpr std::size_t kSectionBytes = 256;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace galley;
    const std::string text = fuzz::valid_text(data, size);
    DiagnosticSink sink;
    doc::Document whole;
    markdown::parse(text, 1, "fuzz.md", whole, sink);
    markdown::first_heading(whole);

    DiagnosticSink section_sink;
    const auto reader = markdown::SectionReader::open(text, 1, "fuzz.md", section_sink, 0, kSectionBytes);
    if (!reader) return 0;
    doc::Document sectioned;
    reader->start(sectioned);
    std::vector<doc::Block> blocks;
    while (reader->next(blocks)) blocks.clear();
    return 0;
}
