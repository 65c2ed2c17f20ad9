// Info values and dates, and the XMP packet that repeats them.
#include "pdf/metadata.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string_view>
#include <vector>

#include "base/utf8.h"

namespace galley::pdf {
namespace {

/// `text` as XML 1.0 can hold it, cut to kMaxMetadataBytes at a character boundary.
std::string clean_text(std::string_view text) {
    std::string out;
    out.reserve(std::min(text.size(), kMaxMetadataBytes));
    for (std::size_t pos = 0; pos < text.size();) {
        char32_t c = utf8::decode(text, pos);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') c = ' ';
        if (c == 0xFFFE || c == 0xFFFF) c = 0xFFFD;
        const std::size_t before = out.size();
        utf8::append(out, c);
        if (out.size() > kMaxMetadataBytes) {
            out.resize(before);
            break;
        }
    }
    return out;
}

/// Appends `text` as XML character data: markup characters as entities, and a carriage
/// return as a reference, which XML would otherwise read as a line feed (XML 1.0, 2.11).
void put_xml(std::string& out, std::string_view text) {
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            case '\r': out += "&#xD;"; break;
            default: out += c;
        }
    }
}

/// A UTC time's fields, or nullopt outside the years 0..9999.
struct Civil {
    int year;
    unsigned month, day;
    int hour, minute, second;
};
std::optional<Civil> civil(std::int64_t epoch) {
    using namespace std::chrono;
    // The clamp keeps the year within what std::chrono::year holds (±32767).
    constexpr std::int64_t kFirst = sys_seconds(sys_days(year{-1} / January / 1)).time_since_epoch().count();
    constexpr std::int64_t kLast = sys_seconds(sys_days(year{10001} / January / 1)).time_since_epoch().count() - 1;
    const sys_seconds time{seconds{std::clamp(epoch, kFirst, kLast)}};
    const sys_days day = floor<days>(time);
    const year_month_day date{day};
    const hh_mm_ss clock{time - day};
    const int y = static_cast<int>(date.year());
    if (y < 0 || y > 9999) return std::nullopt;
    return Civil{y,
                 static_cast<unsigned>(date.month()),
                 static_cast<unsigned>(date.day()),
                 static_cast<int>(clock.hours().count()),
                 static_cast<int>(clock.minutes().count()),
                 static_cast<int>(clock.seconds().count())};
}

/// One simple property: <name>value</name>, escaped; nothing when `value` is empty.
void put_property(std::string& out, std::string_view name, std::string_view value) {
    if (value.empty()) return;
    out += "   <";
    out += name;
    out += '>';
    put_xml(out, value);
    out += "</";
    out += name;
    out += ">\n";
}

/// A property holding an array (XMP part 1, 7.7): an Alt with one x-default item (language
/// alternatives), a Seq or a Bag; nothing when `items` is empty.
void put_array(std::string& out, std::string_view name, std::string_view kind, const std::vector<std::string>& items) {
    if (items.empty()) return;
    out += "   <";
    out += name;
    out += "><rdf:";
    out += kind;
    out += '>';
    for (const std::string& item : items) {
        out += kind == "Alt" ? "<rdf:li xml:lang=\"x-default\">" : "<rdf:li>";
        put_xml(out, item);
        out += "</rdf:li>";
    }
    out += "</rdf:";
    out += kind;
    out += "></";
    out += name;
    out += ">\n";
}

std::vector<std::string> one(const std::string& s) { return s.empty() ? std::vector<std::string>{} : std::vector{s}; }

/// The keywords of "a, b, c" (as Info holds them) one by one, for dc:subject.
std::vector<std::string> split_keywords(std::string_view keywords) {
    std::vector<std::string> out;
    for (std::size_t start = 0; start < keywords.size();) {
        std::size_t end = keywords.find(", ", start);
        if (end == std::string_view::npos) end = keywords.size();
        if (end > start) out.emplace_back(keywords.substr(start, end - start));
        start = end + 2;
    }
    return out;
}

/// PDF/A-2 allows XMP properties of the schemas XMP 2005 predefines; others, such as PDF/UA's
/// identification, must be described in the packet (ISO 19005-2, 6.6.2.3.2).
constexpr std::string_view kPdfUaExtension =
    "   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
    "    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
    "    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
    "    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
    "    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
    "     <pdfaProperty:name>part</pdfaProperty:name>\n"
    "     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
    "     <pdfaProperty:category>internal</pdfaProperty:category>\n"
    "     <pdfaProperty:description>Indicates which part of ISO 14289 standard is followed</pdfaProperty:description>\n"
    "    </rdf:li></rdf:Seq></pdfaSchema:property>\n"
    "   </rdf:li></rdf:Bag></pdfaExtension:schemas>\n";

}  // namespace

frame::Info clean_metadata(const frame::Info& info) {
    frame::Info out = info;
    for (std::string* s : {&out.title, &out.author, &out.subject, &out.keywords, &out.creator, &out.lang})
        *s = clean_text(*s);
    return out;
}

std::string pdf_date(std::int64_t epoch) {
    const std::optional<Civil> t = civil(epoch);
    if (!t) return {};
    char buf[32];
    std::snprintf(buf, sizeof buf, "D:%04d%02u%02u%02d%02d%02d+00'00'", t->year, t->month, t->day, t->hour, t->minute,
                  t->second);
    return buf;
}

std::string xmp_date(std::int64_t epoch) {
    const std::optional<Civil> t = civil(epoch);
    if (!t) return {};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d+00:00", t->year, t->month, t->day, t->hour,
                  t->minute, t->second);
    return buf;
}

std::string xmp_packet(const frame::Info& info) {
    const PdfStandard& standard = info.standard;
    const bool extension = standard.archival() && standard.ua1;
    // The packet header's id is XMP's fixed value; the BOM-less begin="" is UTF-8.
    std::string x = "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                    " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                    "  <rdf:Description rdf:about=\"\"\n"
                    "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                    "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                    "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"";
    if (standard.archival()) x += "\n    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"";
    if (standard.ua1) x += "\n    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"";
    if (extension)
        x += "\n    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\""
             "\n    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\""
             "\n    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\"";
    x += ">\n";
    put_property(x, "dc:format", "application/pdf");
    put_array(x, "dc:title", "Alt", one(info.title));
    // One entry: Info /Author holds the authors joined, and PDF/A wants dc:creator to be a
    // sequence of exactly that one text (6.6.3, Table 3 of ISO 19005-1).
    put_array(x, "dc:creator", "Seq", one(info.author));
    put_array(x, "dc:description", "Alt", one(info.subject));
    put_array(x, "dc:subject", "Bag", split_keywords(info.keywords));
    put_array(x, "dc:language", "Bag", one(info.lang));
    put_property(x, "xmp:CreatorTool", info.creator);
    if (info.creation_epoch) {
        const std::string date = xmp_date(*info.creation_epoch);
        put_property(x, "xmp:CreateDate", date);
        put_property(x, "xmp:ModifyDate", date);
        put_property(x, "xmp:MetadataDate", date);
    }
    put_property(x, "pdf:Producer", info.creator);
    put_property(x, "pdf:Keywords", info.keywords);
    if (standard.archival()) {
        put_property(x, "pdfaid:part", "2");
        put_property(x, "pdfaid:conformance", standard.archive == PdfStandard::Archive::A2u ? "U" : "B");
    }
    if (standard.ua1) put_property(x, "pdfuaid:part", "1");
    if (extension) x += kPdfUaExtension;
    x += "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>";
    return x;
}

}  // namespace galley::pdf
