// Parsing front matter (and style files): picks the reader for the format and checks that the
// result is a table of keys.
#include "frontmatter/frontmatter.h"

#include "frontmatter/formats.h"

namespace galley::frontmatter {
namespace {

std::string_view code_of(Format format) {
    switch (format) {
    case Format::Toml: return "frontmatter.toml";
    case Format::Yaml: return "frontmatter.yaml";
    default: return "frontmatter.json";
    }
}

}  // namespace

doc::Value parse(Format format, std::string_view content, std::uint32_t content_line,
                 const std::string& file, DiagnosticSink& sink) {
    const Origin origin{file, content_line};
    doc::Value value;
    try {
        switch (format) {
        case Format::None: return {};
        case Format::Toml: value = read_toml(content, origin, sink); break;
        case Format::Yaml: value = read_yaml(content, origin, sink); break;
        case Format::Json: value = read_json(content, origin, sink); break;
        }
    } catch (const TooComplex& e) {
        sink.error(std::string(code_of(format)), e.where, e.message);
        return {};
    }
    if (value.is_null() || value.as_table()) return value;
    sink.error(
        std::string(code_of(format)), value.location,
        "front matter must be a table of keys and values, not " + std::string(doc::type_name(value)));
    return {};
}

doc::Value parse_toml(std::string_view text, const std::string& file, DiagnosticSink& sink) {
    return parse(Format::Toml, text, 1, file, sink);
}

}  // namespace galley::frontmatter
