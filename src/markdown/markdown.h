// Markdown body to the document model, through cmark-gfm with the GFM extensions registered
// (table, strikethrough, autolink, tasklist, tagfilter) and footnotes (CMARK_OPT_FOOTNOTES).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "doc/document.h"
#include "galley/diagnostic.h"

namespace galley::markdown {

/// What galley reads beyond CommonMark and GFM where the dialects disagree.
struct Dialect {
    /// pandoc's Markdown (style key `pandoc`): `H~2~O` is a subscript and `x^2^` a
    /// superscript; strikethrough then needs two tildes (`~~gone~~`), as in pandoc.
    bool pandoc = false;
};

/// Parses a Markdown body (valid UTF-8). `first_line` is the file line the body starts on, so
/// every node's location is a line of the original file. Fills blocks and footnotes of `out`
/// (metadata untouched), assigns heading slugs (GitHub rules, unique, duplicates -1, -2, ...)
/// and footnote numbers (order of first reference). Raw HTML is dropped with a warning
/// (`<br>` becomes a line break); HTML comments are dropped silently.
void parse(std::string_view body, std::uint32_t first_line, const std::string& file,
           doc::Document& out, DiagnosticSink& sink, Dialect dialect = {});

/// Limits on the body where cmark-gfm 0.29.0.gfm.6 (Debian 12) is not linear in its input; a
/// body within them parses in time and memory linear in its bytes (docs/ARCHITECTURE.md).
/// The most cells on one line of a table, or on a paragraph line above a delimiter row:
/// cmark-gfm appends each cell to a linked list by walking it, so a line costs the square of
/// its cells.
inline constexpr std::size_t kMaxTableColumns = 256;
/// The most cells in one table (rows times columns, a row's extra cells counted too): each
/// costs about 3 KB through parsing and layout.
inline constexpr std::size_t kMaxTableCells = 150'000;
/// The most bytes of one table, from its header row to its last row: a table is laid out
/// whole, at about 80 bytes of memory per byte of cell text.
inline constexpr std::size_t kMaxTableBytes = 4u << 20;
/// Bytes of paragraph text cmark-gfm may read again in all, as the header of a table whose
/// delimiter row then does not match it (it does so at every line that looks like one).
inline constexpr std::size_t kMaxHeaderRescanBytes = 16u << 20;
/// Steps cmark-gfm may take in all over image openers `![` left open when a link closes (it
/// passes all of them at every link, about 6 ns each).
inline constexpr std::size_t kMaxBracketSteps = 10'000'000;

/// Checks `body` against the limits above in one linear scan, before parse() or a
/// SectionReader is given it (cmark-gfm would otherwise take minutes or gigabytes). The scan
/// over-estimates: tables and paragraphs run to the next blank line, and code is counted as
/// text. Reports the first limit exceeded as an error (`markdown.limit`) at the line and
/// column where it is crossed, and returns false then.
bool within_limits(std::string_view body, std::uint32_t first_line, const std::string& file,
                   DiagnosticSink& sink);

/// The plain text of the first top-level H1 of `doc.blocks` (the PDF's title when the front
/// matter has none), or empty.
std::string first_heading(const doc::Document& doc);

/// Bytes per section when a long body is read a section at a time.
inline constexpr std::size_t kSectionBytes = 64 * 1024;

/// A long body read a section at a time (sections.h): the same model as parse() gives, a
/// section's blocks at a time, so that a long document's model never exists whole.
class SectionReader {
public:
    /// Sections of at least `section_bytes`. Null when `body` is shorter than `min_bytes` or
    /// cannot be cut (it holds link reference or footnote definitions, which apply
    /// document-wide): parse() it whole then. `body` and `sink` must outlive the reader;
    /// `file` is copied.
    static std::unique_ptr<SectionReader> open(std::string_view body, std::uint32_t first_line,
                                               const std::string& file, DiagnosticSink& sink, std::size_t min_bytes,
                                               std::size_t section_bytes = kSectionBytes, Dialect dialect = {});
    ~SectionReader();
    SectionReader(const SectionReader&) = delete;
    SectionReader& operator=(const SectionReader&) = delete;

    /// Reads every section once for its headings (`out.heading_slugs`), then the first
    /// section's blocks into `out.blocks`. Returns the first top-level H1's plain text.
    std::string start(doc::Document& out);
    /// The next section's blocks into `blocks`, replacing them; false after the last.
    bool next(std::vector<doc::Block>& blocks);

private:
    SectionReader();
    struct State;
    std::unique_ptr<State> state_;
};

/// GitHub's heading slug, before de-duplication: lower-case; keep letters, marks, numbers,
/// connector punctuation, '-' and ' '; spaces become '-'. "What's next for Q4?" ->
/// "whats-next-for-q4".
std::string slug(std::string_view heading_text);

}  // namespace galley::markdown
