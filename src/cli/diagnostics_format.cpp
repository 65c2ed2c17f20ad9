// Diagnostics to stderr: the severity policy, source order, and the text, JSON and GitHub forms.
#include "cli/diagnostics_format.h"

#include <algorithm>
#include <cstdio>
#include <tuple>

#include "base/utf8.h"

namespace galley::cli {

bool add_severity_rule(std::string_view rule, DiagnosticPolicy& policy) {
    const std::size_t eq = rule.find('=');
    if (eq == std::string_view::npos || eq == 0) return false;
    const std::string_view level = rule.substr(eq + 1);
    std::optional<Severity> severity;
    if (level == "warning")
        severity = Severity::Warning;
    else if (level == "error")
        severity = Severity::Error;
    else if (level != "ignore")
        return false;
    policy.by_code[std::string(rule.substr(0, eq))] = severity;
    return true;
}

std::optional<Severity> effective_severity(const Diagnostic& d, const DiagnosticPolicy& policy) {
    if (d.severity == Severity::Error) return Severity::Error;
    if (const auto rule = policy.by_code.find(d.code); rule != policy.by_code.end()) return rule->second;
    return policy.strict ? Severity::Error : Severity::Warning;
}

std::string json_escape(std::string_view s) {
    // A file name need not be UTF-8; JSON text must be (RFC 8259 section 8.1).
    std::string repaired;
    if (!utf8::is_valid(s)) s = repaired = utf8::repair(s).text;
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
                out += buf;
            } else {
                out += c;
            }
        }
    }
    return out;
}

namespace {

/// Percent-encodes the characters of `s` that are in `special` (GitHub's toolkit escapeData and
/// escapeProperty).
std::string percent_encode(std::string_view s, std::string_view special) {
    std::string out;
    for (const char c : s) {
        if (special.find(c) == std::string_view::npos) {
            out += c;
            continue;
        }
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
        out += buf;
    }
    return out;
}

const char* severity_name(Severity s) { return s == Severity::Error ? "error" : "warning"; }

std::string json_line(const Diagnostic& d) {
    return std::string("{\"severity\":\"") + severity_name(d.severity) + "\",\"code\":\"" + json_escape(d.code) +
           "\",\"file\":\"" + json_escape(d.location.file) + "\",\"line\":" + std::to_string(d.location.line) +
           ",\"column\":" + std::to_string(d.location.column) + ",\"message\":\"" + json_escape(d.message) + "\"}";
}

std::string github_line(const Diagnostic& d) {
    std::string out = std::string("::") + severity_name(d.severity) + " ";
    if (!d.location.file.empty()) out += "file=" + github_escape_property(d.location.file) + ",";
    if (d.location.line > 0) {
        out += "line=" + std::to_string(d.location.line) + ",";
        if (d.location.column > 0) out += "col=" + std::to_string(d.location.column) + ",";
    }
    out += "title=" + github_escape_property(d.code) + "::" + github_escape_data(d.message);
    return out;
}

/// Diagnostics as an editor lists them: by file (in the order the files first appear), then by
/// line and column; the stages find them in their own order (Markdown before layout).
std::vector<Diagnostic> in_source_order(std::vector<Diagnostic> all) {
    std::vector<std::string> files;
    for (const Diagnostic& d : all)
        if (std::find(files.begin(), files.end(), d.location.file) == files.end()) files.push_back(d.location.file);
    const auto key = [&](const Diagnostic& d) {
        const auto file = std::find(files.begin(), files.end(), d.location.file) - files.begin();
        return std::tuple(file, d.location.line, d.location.column);
    };
    std::stable_sort(all.begin(), all.end(), [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
    return all;
}

}  // namespace

std::string github_escape_data(std::string_view s) { return percent_encode(s, "%\r\n"); }

std::string github_escape_property(std::string_view s) { return percent_encode(s, "%\r\n:,"); }

std::string format_line(const Diagnostic& d, DiagnosticFormat format) {
    switch (format) {
    case DiagnosticFormat::Json: return json_line(d);
    case DiagnosticFormat::Github: return github_line(d);
    case DiagnosticFormat::Text: break;
    }
    return format_diagnostic(d);
}

void print_cli_error(std::ostream& out, DiagnosticFormat format, const std::string& code, const std::string& file,
                     const std::string& message) {
    if (format == DiagnosticFormat::Text)
        out << "galley: error: " << message << " [" << code << "]\n";
    else
        out << format_line({Severity::Error, code, {file, 0, 0}, message}, format) << "\n";
}

bool report(const std::vector<Diagnostic>& diagnostics, const DiagnosticPolicy& policy, std::ostream& out) {
    bool error = false;
    // A pathological document (a table of thousands of columns) can give thousands of the
    // same warning: the first few of each kind are shown, then a count.
    constexpr std::size_t kShownPerKind = 20;
    std::map<std::string, std::size_t> seen;
    for (Diagnostic d : in_source_order(diagnostics)) {
        const std::optional<Severity> severity = effective_severity(d, policy);
        if (!severity) continue;
        d.severity = *severity;
        error = error || d.severity == Severity::Error;
        if (d.severity == Severity::Warning && policy.quiet) continue;
        if (++seen[d.code] <= kShownPerKind) out << format_line(d, policy.format) << "\n";
    }
    for (const auto& [code, n] : seen)
        if (n > kShownPerKind)
            out << "galley: " << n - kShownPerKind << " more like the above (" << code << ") not shown\n";
    return error;
}

}  // namespace galley::cli
