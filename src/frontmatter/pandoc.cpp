// pandoc's front matter variables as galley style keys, so that a document written for pandoc's
// LaTeX output keeps its paper, margins, sizes and fonts; and the keys galley knowingly skips.
#include "frontmatter/pandoc.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "base/ascii.h"

namespace galley::frontmatter {

namespace {

/// Adds style key `name` = `data`, located at `at`.
template <class T>
void put(doc::Table& style, const char* name, T data, const doc::Value& at) {
    doc::Value v;
    v.data = std::move(data);
    v.location = at.location;
    style.emplace_back(name, std::move(v));
}

std::string trimmed(std::string_view s) {
    const std::size_t first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return "";
    return std::string(s.substr(first, s.find_last_not_of(" \t") - first + 1));
}

void wrong(std::string_view key, const doc::Value& v, const char* expected, DiagnosticSink& sink) {
    sink.warn("frontmatter.type", v.location,
              "front matter key '" + std::string(key) + "' should be " + expected + ", not " +
                  std::string(doc::type_name(v)) + "; it is ignored");
}

/// One `name=length` option of LaTeX's geometry package as margin keys; false when unknown.
bool geometry_option(const std::string& name, const std::string& length, const doc::Value& at, doc::Table& style) {
    static const std::pair<const char*, std::vector<const char*>> options[] = {
        {"margin", {"page.margins"}},
        {"hmargin", {"page.margin-left", "page.margin-right"}},
        {"vmargin", {"page.margin-top", "page.margin-bottom"}},
        {"left", {"page.margin-left"}},   {"lmargin", {"page.margin-left"}},  {"inner", {"page.margin-left"}},
        {"right", {"page.margin-right"}}, {"rmargin", {"page.margin-right"}}, {"outer", {"page.margin-right"}},
        {"top", {"page.margin-top"}},     {"tmargin", {"page.margin-top"}},
        {"bottom", {"page.margin-bottom"}}, {"bmargin", {"page.margin-bottom"}},
    };
    for (const auto& [option, keys] : options)
        if (name == option) {
            for (const char* key : keys) put(style, key, length, at);
            return true;
        }
    return false;
}

/// `geometry`: "margin=2cm", "left=3cm,right=2cm", or a list of such options. Options without a
/// margin (a4paper, landscape, showframe) are left to papersize and the style.
void geometry(std::string_view key, const doc::Value& v, doc::Table& style, DiagnosticSink& sink) {
    std::vector<const doc::Value*> items;
    if (v.as_string()) items.push_back(&v);
    if (const doc::Array* a = v.as_array())
        for (const doc::Value& item : *a) items.push_back(&item);
    if (items.empty()) return wrong(key, v, "a string such as \"margin=2cm\" or a list of them", sink);
    for (const doc::Value* item : items) {
        const std::string* text = item->as_string();
        if (!text) {
            wrong(key, *item, "a string such as \"margin=2cm\"", sink);
            continue;
        }
        std::string_view rest = *text;
        while (!rest.empty()) {
            const std::size_t comma = std::min(rest.find(','), rest.size());
            const std::string option = trimmed(rest.substr(0, comma));
            rest.remove_prefix(std::min(comma + 1, rest.size()));
            const std::size_t eq = option.find('=');
            if (eq == std::string::npos) continue;
            const std::string name = trimmed(std::string_view(option).substr(0, eq));
            if (!geometry_option(name, trimmed(std::string_view(option).substr(eq + 1)), *item, style))
                sink.warn("frontmatter.value", item->location,
                          "geometry option '" + name + "' is not used (galley reads margin, left, right, top, bottom, "
                          "hmargin and vmargin)");
        }
    }
}

}  // namespace

bool pandoc_style_key(std::string_view key, const doc::Value& v, doc::Table& style, DiagnosticSink& sink) {
    static const std::pair<const char*, std::vector<const char*>> fonts[] = {
        {"mainfont", {"body.font", "table.font", "footnote.font"}},
        {"sansfont", {"heading.font", "title.font", "subtitle.font", "meta.font", "caption.font", "header.font",
                      "footer.font"}},
        {"monofont", {"code.font"}},
    };
    for (const auto& [name, keys] : fonts) {
        if (key != name) continue;
        if (!v.as_string()) return wrong(key, v, "a font family name", sink), true;
        for (const char* k : keys) put(style, k, *v.as_string(), v);
        return true;
    }
    if (key == "papersize") {
        const std::string* s = v.as_string();
        if (!s) return wrong(key, v, "a paper name such as \"a4\" or \"letter\"", sink), true;
        std::string name;
        for (char c : *s) name += ascii::to_lower(c);
        if (name.ends_with("paper")) name.resize(name.size() - 5);  // LaTeX's "a4paper"
        put(style, "page.size", name, v);
    } else if (key == "geometry") {
        geometry(key, v, style, sink);
    } else if (key == "fontsize") {
        double points = 0;
        if (!v.as_string() && !v.to_number(points)) return wrong(key, v, "a size such as \"12pt\"", sink), true;
        style.emplace_back("body.size", v);
    } else if (key == "linestretch") {
        // LaTeX's line spacing is 1.2 times the size; linestretch multiplies it.
        double stretch = 0;
        if (!v.to_number(stretch) || stretch <= 0) return wrong(key, v, "a number such as 1.5", sink), true;
        put(style, "body.leading", 1.2 * stretch, v);
    } else if (key == "toc-depth") {
        double depth = 0;
        if (!v.to_number(depth)) return wrong(key, v, "a number", sink), true;
        put(style, "toc.depth", depth, v);
    } else if (key == "numbersections" || key == "number-sections") {
        if (!v.as_bool()) return wrong(key, v, "true or false", sink), true;
        put(style, "numbering.sections", *v.as_bool(), v);
    } else if (key == "titlepage") {
        if (!v.as_bool()) return wrong(key, v, "true or false", sink), true;
        put(style, "title.page", *v.as_bool(), v);
    } else if (key == "logo" || key == "titlepage-logo") {
        style.emplace_back("title.logo", v);  // Eisvogel's title page logo
    } else if (key == "toc-title" || key == "abstract-title") {
        style.emplace_back(key == "toc-title" ? "toc.title" : "title.abstract-title", v);
    } else if (key == "margin-left" || key == "margin-right" || key == "margin-top" || key == "margin-bottom") {
        // pandoc's variables for its HTML-to-PDF engines.
        const std::string name = "page." + std::string(key);
        style.emplace_back(name, v);
    } else {
        return false;
    }
    return true;
}

bool is_known_unused_key(std::string_view key) {
    static const std::string_view keys[] = {
        // pandoc (LaTeX, HTML and citation variables)
        "documentclass", "classoption", "header-includes", "include-before", "include-after", "colorlinks",
        "linkcolor", "urlcolor", "citecolor", "filecolor", "toccolor", "links-as-notes", "lof", "lot", "thanks",
        "bibliography", "csl", "link-citations", "nocite", "fontfamily", "fontfamilyoptions", "mainfontoptions",
        "sansfontoptions", "monofontoptions", "mathfont", "CJKmainfont", "CJKoptions", "indent", "pagestyle",
        "secnumdepth", "institute", "subject", "hyperrefoptions", "block-headings", "fontenc", "microtypeoptions",
        "natbiboptions", "biblio-style", "biblio-title", "biblatexoptions", "beamer", "theme", "colortheme",
        "aspectratio", "section-titles", "mathspec", "csquotes", "rights", "cover-image", "css",
        // Hugo
        "slug", "url", "aliases", "weight", "layout", "type", "publishDate", "publishdate", "expiryDate",
        "expirydate", "lastmod", "linkTitle", "menu", "cascade", "outputs", "resources", "series", "images",
        "featured_image", "markup", "build", "headless", "sitemap", "isCJKLanguage", "translationKey", "audio",
        "videos", "showToc", "TocOpen", "hidemeta", "comments", "math",
    };
    return std::find(std::begin(keys), std::end(keys), key) != std::end(keys);
}

}  // namespace galley::frontmatter
