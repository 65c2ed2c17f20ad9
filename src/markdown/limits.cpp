// The input limits of markdown.h: one linear scan of the body that bounds the work cmark-gfm
// 0.29.0.gfm.6 would do where it is not linear, before it is given the text.
#include <string>

#include "markdown/markdown.h"

namespace galley::markdown {

namespace {

/// One line of the body without its line end, and where it starts.
struct Line {
    std::string_view text;
    std::size_t begin = 0;
    std::uint32_t number = 1;
};

/// The lines of `body`, split where cmark-gfm splits them: at LF, CR LF or a lone CR.
class Lines {
public:
    explicit Lines(std::string_view body) : body_(body) {}

    bool next(Line& line) {
        if (at_ >= body_.size()) return false;
        std::size_t end = at_;
        while (end < body_.size() && body_[end] != '\n' && body_[end] != '\r') ++end;
        line = {body_.substr(at_, end - at_), at_, number_++};
        at_ = end;
        if (at_ < body_.size() && body_[at_] == '\r') ++at_;
        if (at_ < body_.size() && body_[at_] == '\n') ++at_;
        return true;
    }

private:
    std::string_view body_;
    std::size_t at_ = 0;
    std::uint32_t number_ = 1;
};

/// Offset of the line's content after indentation and block quote markers ('>'), which a
/// table or paragraph may sit behind; list markers stay (a table row never starts with one).
std::size_t content_start(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '>')) ++i;
    return i;
}

/// The cells cmark-gfm's table extension finds on a line: its unescaped pipes divide it,
/// a leading and a trailing pipe being optional. `split_at` receives the offset of the pipe
/// that opens cell number `split_cell` + 1 (npos when there is none).
struct Cells {
    std::size_t count = 0;
    std::size_t split_at = std::string_view::npos;
};

Cells cells(std::string_view line, std::size_t from, std::size_t split_cell) {
    std::size_t pipes = 0;
    std::size_t first = std::string_view::npos, last = 0;
    Cells out;
    for (std::size_t i = from; i < line.size(); ++i) {
        if (line[i] == '\\') {
            ++i;
            continue;
        }
        if (line[i] != '|') continue;
        if (first == std::string_view::npos) first = i;
        last = i;
        if (++pipes == split_cell + 1) out.split_at = i;
    }
    std::size_t end = line.size();
    while (end > from && (line[end - 1] == ' ' || line[end - 1] == '\t')) --end;
    out.count = pipes + 1;
    if (pipes > 0 && first == from) --out.count;
    if (pipes > 0 && last + 1 == end && out.count > 0) --out.count;
    return out;
}

/// A line cmark-gfm may take for a table's delimiter row (`|---|:--:|`): pipes, dashes,
/// colons and blanks, with a dash and a pipe or colon (dashes alone are a setext underline
/// or a thematic break).
bool delimiter_like(std::string_view line, std::size_t from) {
    bool dash = false, pipe_or_colon = false;
    for (std::size_t i = from; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '-') dash = true;
        else if (c == '|' || c == ':') pipe_or_colon = true;
        else if (c != ' ' && c != '\t') return false;
    }
    return dash && pipe_or_colon;
}

/// The scan: runs of non-blank lines (a paragraph, perhaps a table) and the bracket stack of
/// each, with the counts the limits bound.
class Scanner {
public:
    Scanner(std::uint32_t first_line, const std::string& file, DiagnosticSink& sink)
        : first_line_(first_line), file_(file), sink_(sink) {}

    bool line(const Line& l) {
        const std::size_t from = content_start(l.text);
        if (from == l.text.size()) {
            run_ = Run{};
            brackets_.clear();
            open_images_ = 0;
            return true;
        }
        return table_line(l, from) && brackets(l, from);
    }

private:
    /// The run of non-blank lines so far: cmark-gfm reads a paragraph again as a table
    /// header at each line that looks like a delimiter row, and a table lasts to a blank line.
    struct Run {
        std::size_t begin = std::string_view::npos;  // body offset of its first line
        std::size_t widest = 0;                      // the most cells on one of its lines
        Line widest_line;
        std::size_t previous_cells = 0;
        std::size_t previous_begin = 0;  // body offset of the line before
        std::size_t table_begin = 0;     // body offset of the table's header row
        std::size_t table_columns = 0;  // 0 until a delimiter row matches the line before
        std::size_t table_cells = 0;
    };

    SourceLocation at(const Line& l, std::size_t column) const {
        return {file_, first_line_ + l.number - 1, static_cast<std::uint32_t>(column + 1)};
    }

    bool too_wide(const Line& l) {
        const Cells c = cells(l.text, content_start(l.text), kMaxTableColumns);
        sink_.error("markdown.limit", at(l, c.split_at == std::string_view::npos ? 0 : c.split_at),
                    "a table row (or the paragraph line above a table's delimiter row) has " +
                        std::to_string(c.count) + " cells; the limit is " + std::to_string(kMaxTableColumns) +
                        " (cmark-gfm's time grows with the square of the cells on a line)");
        return false;
    }

    bool table_line(const Line& l, std::size_t from) {
        if (run_.begin == std::string_view::npos) run_.begin = l.begin;
        const std::size_t n = cells(l.text, from, 0).count;
        if (n > run_.widest) run_.widest = n, run_.widest_line = l;
        const bool delimiter = delimiter_like(l.text, from);
        if (delimiter) {
            rescanned_ += l.begin - run_.begin;
            if (rescanned_ > kMaxHeaderRescanBytes) {
                sink_.error("markdown.limit", at(l, from),
                            "too many lines that look like a table's delimiter row but start no table (the "
                            "paragraph above is read again at each; more than " +
                                std::to_string(kMaxHeaderRescanBytes) + " bytes in all is the limit)");
                return false;
            }
            if (run_.table_columns == 0 && n == run_.previous_cells) {
                run_.table_columns = n;
                run_.table_begin = run_.previous_begin;
                run_.table_cells = n;  // the header row
            }
        }
        run_.previous_cells = n;
        run_.previous_begin = l.begin;
        if ((delimiter || run_.table_columns > 0) && run_.widest > kMaxTableColumns) return too_wide(run_.widest_line);
        if (run_.table_columns == 0) return true;
        run_.table_cells += std::max(n, run_.table_columns);
        if (run_.table_cells > kMaxTableCells)
            return too_big(l, from, std::to_string(kMaxTableCells) + " cells");
        if (l.begin + l.text.size() - run_.table_begin > kMaxTableBytes)
            return too_big(l, from, std::to_string(kMaxTableBytes >> 20) + " MiB");
        return true;
    }

    /// A table is laid out whole (its column widths depend on every cell).
    bool too_big(const Line& l, std::size_t from, const std::string& limit) {
        sink_.error("markdown.limit", at(l, from),
                    "this table is larger than " + limit +
                        ", the limit (a table is laid out whole, and each cell and byte costs memory); split "
                        "it into several tables");
        return false;
    }

    /// cmark-gfm walks every image opener `![` still open whenever a link closes (to
    /// deactivate the link openers among them): the count of those steps is bounded.
    bool brackets(const Line& l, std::size_t from) {
        for (std::size_t i = from; i < l.text.size(); ++i) {
            const char c = l.text[i];
            if (c == '\\') {
                ++i;
            } else if (c == '[') {
                const bool image = i > 0 && l.text[i - 1] == '!';
                brackets_.push_back(image);
                open_images_ += image;
            } else if (c == ']' && !brackets_.empty()) {
                const bool image = brackets_.back();
                brackets_.pop_back();
                open_images_ -= image;
                if (image) continue;
                bracket_steps_ += open_images_;
                if (bracket_steps_ > kMaxBracketSteps) {
                    sink_.error("markdown.limit", at(l, i),
                                "too many image openers '![' left open before links (cmark-gfm passes each "
                                "of them at every link that closes: more than " +
                                    std::to_string(kMaxBracketSteps) + " such steps is the limit)");
                    return false;
                }
            }
        }
        return true;
    }

    std::uint32_t first_line_;
    const std::string& file_;
    DiagnosticSink& sink_;
    Run run_;
    std::vector<bool> brackets_;  // the open '[' of the current run, true for '!['
    std::size_t open_images_ = 0;
    std::size_t bracket_steps_ = 0;
    std::size_t rescanned_ = 0;
};

}  // namespace

bool within_limits(std::string_view body, std::uint32_t first_line, const std::string& file, DiagnosticSink& sink) {
    Scanner scanner(first_line, file, sink);
    Lines lines(body);
    for (Line l; lines.next(l);)
        if (!scanner.line(l)) return false;
    return true;
}

}  // namespace galley::markdown
