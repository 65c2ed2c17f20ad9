// How diagnostics reach stderr: text for people, JSON lines or GitHub workflow commands for
// machines, after the severity policy (-W CODE=..., --strict, -q).
#pragma once

#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "galley/diagnostic.h"

namespace galley::cli {

enum class DiagnosticFormat { Text, Json, Github };

/// What the command line says about diagnostics.
struct DiagnosticPolicy {
    DiagnosticFormat format = DiagnosticFormat::Text;
    bool strict = false;  // warnings become errors
    bool quiet = false;   // warnings are not printed
    /// -W CODE=ignore|warning|error: the severity a code's warnings take (nullopt: ignored).
    std::map<std::string, std::optional<Severity>> by_code;
};

/// Reads one -W argument ("anchor.missing=error") into `policy`; false when it is not of the
/// form CODE=ignore|warning|error.
bool add_severity_rule(std::string_view rule, DiagnosticPolicy& policy);

/// The severity `d` has under `policy`, or nullopt when it is ignored. An error stays an error
/// (it stopped the render; no rule can bring the PDF back). A warning takes its code's -W rule
/// when there is one, even under --strict (the specific rule wins, as GCC's -Wno-error=X), else
/// error under --strict, else warning.
std::optional<Severity> effective_severity(const Diagnostic& d, const DiagnosticPolicy& policy);

/// `s` as the inside of a JSON string (RFC 8259: quote, backslash and control characters escaped;
/// other UTF-8 as it is; bytes that are not UTF-8, as a file name may hold, become U+FFFD).
std::string json_escape(std::string_view s);

/// `s` as the message of a GitHub workflow command: %, CR and LF percent-encoded.
std::string github_escape_data(std::string_view s);

/// `s` as a property value of a GitHub workflow command: as data, and also ':' and ','.
std::string github_escape_property(std::string_view s);

/// One diagnostic as one line (no newline) in `format`:
/// - text: `FILE:LINE:COL: warning: message [code]` (format_diagnostic);
/// - json: `{"severity":"warning","code":...,"file":...,"line":N,"column":N,"message":...}`
///   (line and column 0 when unknown);
/// - github: `::warning file=F,line=N,col=N,title=CODE::message` (line and col left out when unknown).
std::string format_line(const Diagnostic& d, DiagnosticFormat format);

/// An error of the command line itself about `file` (an input that cannot be read, an output
/// refused or not written): `galley: error: MESSAGE [code]` as text (the message names the file),
/// in the other formats a diagnostic about `file` without a line.
void print_cli_error(std::ostream& out, DiagnosticFormat format, const std::string& code, const std::string& file,
                     const std::string& message);

/// Prints `diagnostics` to `out` in source order under `policy` (the first 20 of each code, then
/// a count); true when one of them is an error.
bool report(const std::vector<Diagnostic>& diagnostics, const DiagnosticPolicy& policy, std::ostream& out);

}  // namespace galley::cli
