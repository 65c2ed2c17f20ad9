// Diagnostics: what galley tells its caller about the input, as values with a location.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace galley {

/// A position in a source file. Lines and columns are 1-based; column counts bytes of the
/// raw line (CommonMark spec positions are byte based too). line == 0 means "whole file".
struct SourceLocation {
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

enum class Severity { Warning, Error };

/// One finding. `code` is a short stable identifier ("frontmatter.toml", "anchor.missing",
/// "utf8.invalid", ...) that tests and tools can match; `message` is for people.
struct Diagnostic {
    Severity severity = Severity::Warning;
    std::string code;
    SourceLocation location;
    std::string message;
};

/// Formats as `FILE:LINE:COL: warning|error: message [code]` (GNU style, the form editors jump
/// to, with the code -W and the docs name it by; no brackets when the code is empty).
std::string format_diagnostic(const Diagnostic& d);

/// Collects diagnostics pushed by the stages. Stages never print and never exit.
class DiagnosticSink {
public:
    void warn(std::string code, SourceLocation where, std::string message);
    void error(std::string code, SourceLocation where, std::string message);
    void push(Diagnostic d) { items_.push_back(std::move(d)); }

    const std::vector<Diagnostic>& items() const { return items_; }
    bool has_errors() const;

private:
    std::vector<Diagnostic> items_;
};

}  // namespace galley
