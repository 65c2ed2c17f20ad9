// Diagnostic formatting and the sink stages push into.
#include "galley/diagnostic.h"

#include <algorithm>

namespace galley {

std::string format_diagnostic(const Diagnostic& d) {
    std::string out = d.location.file.empty() ? std::string("galley") : d.location.file;
    if (d.location.line > 0) {
        out += ':' + std::to_string(d.location.line);
        if (d.location.column > 0) out += ':' + std::to_string(d.location.column);
    }
    out += d.severity == Severity::Error ? ": error: " : ": warning: ";
    out += d.message;
    if (!d.code.empty()) out += " [" + d.code + "]";
    return out;
}

void DiagnosticSink::warn(std::string code, SourceLocation where, std::string message) {
    items_.push_back({Severity::Warning, std::move(code), std::move(where), std::move(message)});
}

void DiagnosticSink::error(std::string code, SourceLocation where, std::string message) {
    items_.push_back({Severity::Error, std::move(code), std::move(where), std::move(message)});
}

bool DiagnosticSink::has_errors() const {
    return std::any_of(items_.begin(), items_.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

}  // namespace galley
