// The public entry point of the galley library: Markdown bytes in, PDF bytes out.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "galley/diagnostic.h"

namespace galley {

/// Version string of the library, e.g. "0.1.0".
const char* version();

using Bytes = std::vector<std::uint8_t>;

/// Reads a file the document needs (a font, a style, later an image) by path. Returns
/// std::nullopt when the file cannot be read. The library never touches the file system
/// itself: the caller decides where bytes come from (compare Typst's `World`).
using FileLoader = std::function<std::optional<Bytes>(const std::string& path)>;

/// Everything a render needs besides the Markdown text.
struct RenderOptions {
    /// Name used in diagnostics, e.g. "report.md" or "<stdin>".
    std::string source_name = "<stdin>";
    /// Folder relative paths in the document (images) are resolved against.
    std::string base_dir = ".";
    /// Folder of the bundled fonts (`fonts/`) and styles (`styles/`).
    std::string fonts_dir;
    std::string styles_dir;
    /// Contents of a user style file (TOML) layered over styles/default.toml, with its name.
    std::optional<std::string> style_toml;
    std::string style_name;
    /// Generate a table of contents after the title block (front matter `toc` also turns it on).
    bool toc = false;
    /// "a4" or "letter"; overrides the style's page size when set.
    std::optional<std::string> paper;
    /// Seconds since the Unix epoch used for the PDF CreationDate when the front matter has no
    /// date (SOURCE_DATE_EPOCH); without either, no date is written, so output is reproducible.
    std::optional<std::int64_t> source_date_epoch;
    FileLoader load_file;
};

/// What a render produced. `pdf` is empty when an error stopped it; `diagnostics` holds every
/// warning and error with its location, in the order found.
struct RenderResult {
    Bytes pdf;
    std::vector<Diagnostic> diagnostics;
    std::size_t page_count = 0;
    bool ok() const { return !pdf.empty(); }
};

/// Renders one Markdown document (CommonMark + GFM, optional front matter) to a PDF.
/// `markdown` may hold invalid UTF-8 (replaced by U+FFFD with a warning). Never throws for bad
/// input: problems are reported as diagnostics; an error leaves `pdf` empty.
RenderResult render(std::string_view markdown, const RenderOptions& options);

}  // namespace galley
