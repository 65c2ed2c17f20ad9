// Mapping a front matter table to doc::Metadata: the keys galley knows, their accepted types,
// and a warning for each known key of the wrong type.
#include <algorithm>

#include "base/ascii.h"
#include "base/utf8.h"
#include "frontmatter/frontmatter.h"
#include "frontmatter/pandoc.h"
#include "frontmatter/timestamp.h"

namespace galley::frontmatter {
namespace {

std::vector<std::string> split_commas(std::string_view s) {
    std::vector<std::string> items;
    while (!s.empty()) {
        const std::size_t comma = std::min(s.find(','), s.size());
        std::string_view item = s.substr(0, comma);
        const std::size_t first = item.find_first_not_of(" \t");
        if (first != std::string_view::npos)
            items.emplace_back(item.substr(first, item.find_last_not_of(" \t") - first + 1));
        s.remove_prefix(std::min(comma + 1, s.size()));
    }
    return items;
}

class Mapper {
public:
    Mapper(const std::string& file, DiagnosticSink& sink) : file_(file), sink_(sink) {}

    /// Where `v` was read, in this file.
    SourceLocation where(const doc::Value& v) const {
        SourceLocation at = v.location;
        if (at.file.empty()) at.file = file_;
        return at;
    }

    void wrong_type(std::string_view key, const doc::Value& v, std::string_view expected) {
        sink_.warn("frontmatter.type", where(v),
                   "front matter key '" + std::string(key) + "' should be " +
                       std::string(expected) + ", not " + std::string(doc::type_name(v)) +
                       "; it is ignored");
    }

    /// `s` without stray control characters (an escaped ESC or NUL in a quoted string would
    /// reach the page and the PDF Info), warned about at the value.
    std::string printable(std::string_view key, const doc::Value& v, const std::string& s) {
        std::string out;
        bool removed = false;
        for (std::size_t pos = 0; pos < s.size();) {
            const std::size_t at = pos;
            if (utf8::is_stray_control(utf8::decode(s, pos)))
                removed = true;
            else
                out.append(s, at, pos - at);
        }
        if (removed)
            sink_.warn("text.control", where(v),
                       "front matter key '" + std::string(key) + "' holds control characters: removed");
        return out;
    }

    /// Text for a string key. A plain YAML `title: 1984` or `title: 2024-05-01` is read as a
    /// number or date, but the writer meant text, so those are taken as written.
    std::optional<std::string> text(std::string_view key, const doc::Value& v) {
        if (auto s = v.as_string()) return printable(key, v, *s);
        if (auto i = v.as_int()) return std::to_string(*i);
        if (auto d = v.as_datetime()) return d->text;
        wrong_type(key, v, "a string");
        return std::nullopt;
    }

    /// `title`: text of at most kMaxTitleBytes. A title is one heading, the first bookmark and
    /// the PDF Title; a longer one is an error ("frontmatter.limit") at the value rather than
    /// pages of one heading.
    std::optional<std::string> title(std::string_view key, const doc::Value& v) {
        std::optional<std::string> t = text(key, v);
        if (!t || t->size() <= kMaxTitleBytes) return t;
        sink_.error("frontmatter.limit", where(v),
                    "front matter key '" + std::string(key) + "' is " + std::to_string(t->size()) +
                        " bytes long; a title may have at most " + std::to_string(kMaxTitleBytes) + " bytes");
        return std::nullopt;
    }

    /// A person: a name, or a table with a `name` (Hugo themes and Pandoc write both).
    std::optional<std::string> person(std::string_view key, const doc::Value& v) {
        if (const doc::Value* name = v.find("name"); name && name->as_string())
            return printable(key, *name, *name->as_string());
        if (v.as_table()) {
            wrong_type(key, v, "a name or a table with a 'name'");
            return std::nullopt;
        }
        return text(key, v);
    }

    /// A list of strings, or one string of comma-separated items.
    std::vector<std::string> list(std::string_view key, const doc::Value& v) {
        if (auto s = v.as_string()) return split_commas(printable(key, v, *s));
        std::vector<std::string> items;
        if (auto a = v.as_array()) {
            for (const doc::Value& item : *a)
                if (auto t = text(key, item)) items.push_back(std::move(*t));
        } else {
            wrong_type(key, v, "a list of strings or a comma-separated string");
        }
        return items;
    }

    void authors(std::string_view key, const doc::Value& v, std::vector<std::string>& out) {
        if (auto a = v.as_array()) {
            for (const doc::Value& item : *a)
                if (auto p = person(key, item)) out.push_back(std::move(*p));
        } else if (auto p = person(key, v)) {
            out.push_back(std::move(*p));
        }
    }

    /// A TOML or YAML date, or a string: an ISO 8601 one gets its epoch, any other is kept as
    /// text to print (it then sets no PDF creation date).
    std::optional<doc::DateTime> date(std::string_view key, const doc::Value& v) {
        if (auto d = v.as_datetime()) return *d;
        if (auto s = v.as_string()) {
            if (auto t = parse_iso8601(*s)) return to_datetime(*t, *s);
            return doc::DateTime{*s};
        }
        wrong_type(key, v, "a date");
        return std::nullopt;
    }

    std::optional<bool> flag(std::string_view key, const doc::Value& v) {
        if (auto b = v.as_bool()) return *b;
        wrong_type(key, v, "true or false");
        return std::nullopt;
    }

    /// `lang`: a BCP 47 tag as PDF /Lang and hyphenation want it (a 2–3 letter language, then
    /// subtags of 1–8 letters or digits: "en", "de-CH", "zh-Hant-TW"); anything else is warned
    /// about and ignored.
    std::optional<std::string> language(std::string_view key, const doc::Value& v) {
        const std::string* s = v.as_string();
        if (s && is_language_tag(*s)) return *s;
        sink_.warn("frontmatter.type", where(v),
                   "front matter key '" + std::string(key) + "' should be a language tag such as \"en\" or \"de-CH\", not " +
                       (s ? "\"" + *s + "\"" : std::string(doc::type_name(v))) + "; ignored");
        return std::nullopt;
    }

    static bool is_language_tag(std::string_view t) {
        std::size_t i = 0, part = 0;
        while (i <= t.size()) {
            const std::size_t end = std::min(t.find('-', i), t.size());
            const std::size_t n = end - i;
            for (std::size_t k = i; k < end; ++k)
                if (!ascii::is_alnum(t[k]) || (part == 0 && !ascii::is_alpha(t[k])))
                    return false;
            if (part == 0 ? (n < 2 || n > 3) : (n < 1 || n > 8)) return false;
            ++part;
            i = end + 1;
        }
        return true;
    }

    /// `dir`. Unlike a wrongly typed key, a bad value is an error: ignoring it would set the
    /// whole document in a direction the writer did not ask for.
    std::optional<doc::ParagraphDirection> direction(std::string_view key, const doc::Value& v) {
        const std::string* s = v.as_string();
        if (s && *s == "auto") return doc::ParagraphDirection::Auto;
        if (s && *s == "ltr") return doc::ParagraphDirection::LeftToRight;
        if (s && *s == "rtl") return doc::ParagraphDirection::RightToLeft;
        sink_.error("frontmatter.value", where(v),
                    "front matter key '" + std::string(key) +
                        "' should be \"rtl\", \"ltr\" or \"auto\", not " +
                        (s ? "\"" + *s + "\"" : std::string(doc::type_name(v))));
        return std::nullopt;
    }

private:
    const std::string& file_;
    DiagnosticSink& sink_;
};

}  // namespace

doc::Metadata to_metadata(const doc::Value& table, const std::string& file, DiagnosticSink& sink) {
    doc::Metadata m;
    m.raw = table;
    const doc::Table* entries = table.as_table();
    if (!entries) return m;

    Mapper map(file, sink);
    std::optional<std::string> summary;
    doc::Table pandoc;
    for (const auto& [key, v] : *entries) {
        doc::Value located = v;  // pandoc's keys become style keys located in this file
        located.location = map.where(v);
        if (pandoc_style_key(key, located, pandoc, sink)) continue;
        if (is_known_unused_key(key)) {
            m.unused_keys.emplace_back(key, map.where(v));
            continue;
        }
        if (key == "title") {
            m.title = map.title(key, v).value_or(m.title);
        } else if (key == "subtitle") {
            m.subtitle = map.text(key, v).value_or(m.subtitle);
        } else if (key == "abstract") {
            m.abstract = map.text(key, v).value_or(m.abstract);
        } else if (key == "description") {
            m.description = map.text(key, v).value_or(m.description);
        } else if (key == "summary") {
            summary = map.text(key, v);
        } else if (key == "author" || key == "authors") {
            map.authors(key, v, m.authors);
        } else if (key == "date") {
            if (auto d = map.date(key, v)) m.date = std::move(d);
        } else if (key == "tags") {
            m.tags = map.list(key, v);
        } else if (key == "categories") {
            m.categories = map.list(key, v);
        } else if (key == "keywords") {
            m.keywords = map.list(key, v);
        } else if (key == "lang") {
            m.lang = map.language(key, v).value_or(m.lang);
        } else if (key == "dir") {
            m.dir = map.direction(key, v).value_or(m.dir);
        } else if (key == "draft") {
            m.draft = map.flag(key, v).value_or(m.draft);
        } else if (key == "toc") {
            if (auto b = map.flag(key, v)) m.toc = b;
        } else if (key == "galley") {
            if (v.as_table())
                m.style_overrides = v;
            else
                map.wrong_type(key, v, "a table of style keys");
        }
    }
    if (!pandoc.empty()) m.pandoc_style.data = std::make_shared<doc::Table>(std::move(pandoc));
    // With both given, `description` is the one meant for the document (and the PDF Subject).
    if (m.description.empty() && summary) m.description = std::move(*summary);

    // `author` and `authors` may both be given and may repeat a name.
    std::vector<std::string> unique;
    for (std::string& a : m.authors)
        if (std::find(unique.begin(), unique.end(), a) == unique.end())
            unique.push_back(std::move(a));
    m.authors = std::move(unique);
    return m;
}

}  // namespace galley::frontmatter
