// The PDF standards a render is asked to meet, read from their names.
#include <string>
#include <string_view>

#include "base/ascii.h"
#include "galley/galley.h"

namespace galley {
namespace {

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

std::optional<PdfStandard> parse_pdf_standard(std::string_view list, std::string& problem) {
    PdfStandard standard;
    if (trimmed(list).empty()) return standard;
    for (std::size_t start = 0; start <= list.size();) {
        std::size_t comma = list.find(',', start);
        if (comma == std::string_view::npos) comma = list.size();
        std::string name(trimmed(list.substr(start, comma - start)));
        for (char& c : name) c = ascii::to_lower(c);
        start = comma + 1;
        PdfStandard::Archive archive = PdfStandard::Archive::None;
        if (name.empty()) {
            problem = "an empty name in the PDF standard list '" + std::string(list) + "'";
            return std::nullopt;
        }
        if (name == "a-2b") archive = PdfStandard::Archive::A2b;
        else if (name == "a-2u") archive = PdfStandard::Archive::A2u;
        else if (name == "ua-1") standard.ua1 = true;
        else {
            problem = "unknown PDF standard '" + name + "' (known: a-2b, a-2u, ua-1)";
            return std::nullopt;
        }
        if (archive == PdfStandard::Archive::None) continue;
        if (standard.archive != PdfStandard::Archive::None && standard.archive != archive) {
            problem = "a-2b and a-2u are two levels of PDF/A-2; give one (a-2u includes a-2b)";
            return std::nullopt;
        }
        standard.archive = archive;
    }
    return standard;
}

std::string to_string(const PdfStandard& standard) {
    std::string out = standard.archive == PdfStandard::Archive::A2b   ? "a-2b"
                      : standard.archive == PdfStandard::Archive::A2u ? "a-2u"
                                                                      : "";
    if (standard.ua1) out += out.empty() ? "ua-1" : ",ua-1";
    return out;
}

}  // namespace galley
