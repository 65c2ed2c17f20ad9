// Hugo shortcodes rewritten line by line into Markdown (see shortcodes.h for what each becomes).
#include "markdown/shortcodes.h"

#include <set>
#include <utility>
#include <vector>

namespace galley::markdown::shortcodes {

namespace {

struct Shortcode {
    std::size_t begin = 0, end = 0;  // bytes of the line, `{{<` to `>}}`
    std::string name;                // lower-case
    bool closing = false;            // `{{< /name >}}`
    std::vector<std::string> positional;
    std::vector<std::pair<std::string, std::string>> named;

    std::string arg(std::string_view key, std::size_t position = std::string::npos) const {
        for (const auto& [k, v] : named)
            if (k == key) return v;
        return position < positional.size() ? positional[position] : std::string();
    }
};

bool space(char c) { return c == ' ' || c == '\t'; }

/// The arguments of a shortcode: words, `key=value`, values quoted with "..." (backslash
/// escapes) or `...` (raw).
void read_arguments(std::string_view s, Shortcode& sc) {
    for (std::size_t i = 0; i < s.size();) {
        while (i < s.size() && space(s[i])) ++i;
        if (i >= s.size()) break;
        std::string key, value;
        bool has_key = false;
        auto read_value = [&](std::string& out) {
            if (i < s.size() && (s[i] == '"' || s[i] == '`')) {
                const char q = s[i++];
                while (i < s.size() && s[i] != q) {
                    if (q == '"' && s[i] == '\\' && i + 1 < s.size()) ++i;
                    out += s[i++];
                }
                ++i;
            } else {
                while (i < s.size() && !space(s[i]) && s[i] != '=') out += s[i++];
            }
        };
        read_value(value);
        if (i < s.size() && s[i] == '=') {
            ++i;
            key = std::move(value);
            value.clear();
            read_value(value);
            has_key = true;
        }
        if (has_key)
            sc.named.emplace_back(std::move(key), std::move(value));
        else
            sc.positional.push_back(std::move(value));
    }
}

/// The shortcode starting at `line[at]`, if one does.
std::optional<Shortcode> shortcode_at(std::string_view line, std::size_t at) {
    if (line.substr(at, 3) != "{{<" && line.substr(at, 3) != "{{%") return std::nullopt;
    const char delimiter = line[at + 2];
    const std::string close = std::string(1, delimiter == '<' ? '>' : '%') + "}}";
    // The end is the first `>}}` outside a quoted argument (a caption may hold one).
    std::size_t end = std::string_view::npos;
    char quote = 0;
    for (std::size_t i = at + 3; i < line.size(); ++i) {
        if (quote) {
            if (quote == '"' && line[i] == '\\') ++i;
            else if (line[i] == quote) quote = 0;
        } else if (line[i] == '"' || line[i] == '`') {
            quote = line[i];
        } else if (line.substr(i, 3) == close) {
            end = i;
            break;
        }
    }
    if (end == std::string_view::npos) return std::nullopt;
    std::string_view inner = line.substr(at + 3, end - at - 3);
    while (!inner.empty() && space(inner.front())) inner.remove_prefix(1);
    while (!inner.empty() && space(inner.back())) inner.remove_suffix(1);
    if (inner.starts_with("/*")) return std::nullopt;  // Hugo's escaped form, text: see escaped()
    if (inner.ends_with("/")) inner.remove_suffix(1);  // self-closing
    Shortcode sc;
    sc.begin = at;
    sc.end = end + 3;
    if (inner.starts_with("/")) {
        sc.closing = true;
        inner.remove_prefix(1);
        while (!inner.empty() && space(inner.front())) inner.remove_prefix(1);
    }
    std::size_t n = 0;
    while (n < inner.size() && !space(inner[n])) ++n;
    for (char c : inner.substr(0, n)) sc.name += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    if (sc.name.empty()) return std::nullopt;
    read_arguments(inner.substr(n), sc);
    return sc;
}

/// The GitHub alert kind a callout shortcode stands for; empty for other names.
std::string_view alert_kind(const Shortcode& sc) {
    static constexpr std::pair<std::string_view, std::string_view> kinds[] = {
        {"note", "NOTE"},       {"info", "NOTE"},         {"tip", "TIP"},         {"hint", "TIP"},
        {"important", "IMPORTANT"}, {"warning", "WARNING"}, {"caution", "CAUTION"}, {"danger", "CAUTION"},
    };
    std::string name = sc.name;
    if (name == "alert" || name == "callout" || name == "admonition") {
        name = sc.arg("type", 0);
        if (name.empty()) name = sc.arg("color");
        if (name.empty()) return "NOTE";
    }
    for (const auto& [word, kind] : kinds)
        if (word == name) return kind;
    return sc.name == "alert" || sc.name == "callout" || sc.name == "admonition" ? "NOTE" : "";
}

bool inside_inline_code(std::string_view line, std::size_t at) {
    std::size_t ticks = 0;
    for (std::size_t i = 0; i < at; ++i) ticks += line[i] == '`';
    return ticks % 2 == 1;
}

/// Hugo's escaped shortcode `{{</* name ... */>}}` at `line[at]`: where it ends and the text it
/// shows, `{{< name ... >}}` (how documentation about shortcodes writes them).
std::optional<std::pair<std::size_t, std::string>> escaped(std::string_view line, std::size_t at) {
    for (const char* open : {"{{</*", "{{%/*"}) {
        if (line.substr(at, 5) != open) continue;
        const std::string close = std::string("*/") + (open[2] == '<' ? ">" : "%") + "}}";
        const std::size_t end = line.find(close, at + 5);
        if (end == std::string_view::npos) return std::nullopt;
        return std::make_pair(end + close.size(), std::string("{{") + open[2] + std::string(line.substr(at + 5, end - at - 5)) +
                                                      (open[2] == '<' ? ">" : "%") + "}}");
    }
    return std::nullopt;
}

class Expander {
public:
    Expander(std::string_view body, const std::string& file, const doc::Value& front_matter, DiagnosticSink& sink)
        : file_(file), front_matter_(front_matter), sink_(sink) {
        // Which names are ever closed: an unknown shortcode with an end tag wraps content.
        for (std::size_t at = body.find("{{"); at != std::string_view::npos; at = body.find("{{", at + 2))
            if (const std::optional<Shortcode> sc = shortcode_at(body.substr(at, body.find('\n', at) - at), 0);
                sc && sc->closing)
                closed_.insert(sc->name);
    }

    void line(std::string_view line, std::uint32_t number, std::string& out) {
        number_ = number;
        std::string_view trimmed = line;
        while (!trimmed.empty() && space(trimmed.front())) trimmed.remove_prefix(1);
        while (!trimmed.empty() && (space(trimmed.back()) || trimmed.back() == '\r')) trimmed.remove_suffix(1);
        const std::optional<Shortcode> whole = shortcode_at(trimmed, 0);
        if (in_highlight_) {
            if (whole && whole->closing && whole->name == "highlight" && whole->end == trimmed.size()) {
                in_highlight_ = false;
                out += prefix() + "```";
            } else {
                out += prefix();
                out += line;
            }
            return;
        }
        if (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            if (fence_.empty())
                fence_ = trimmed.substr(0, 3);
            else if (trimmed.starts_with(fence_))
                fence_.clear();
        } else if (fence_.empty() && whole && whole->end == trimmed.size() && block(*whole, out)) {
            return;
        }
        out += prefix();
        if (fence_.empty() || trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            out += inline_codes(line);
            // Inside an unknown shortcode, each line stays a line (a hard break), as the
            // shortcode would most likely have shown it (configuration, a listing).
            if (wrapped_ > 0 && fence_.empty() && !trimmed.empty()) out += "  ";
        } else {
            out += line;
        }
    }

    /// At the end of the body: a warning for each block shortcode never closed (it ran to the end).
    void finish() {
        for (const Open& o : open_)
            sink_.warn("shortcode.unmatched", {file_, o.line, 1},
                       "'" + o.name + "' shortcode is never closed; it runs to the end of the document");
        if (in_highlight_)
            sink_.warn("shortcode.unmatched", {file_, highlight_line_, 1},
                       "'highlight' shortcode is never closed; the code runs to the end of the document");
    }

private:
    std::string prefix() const {
        std::string p;
        for (std::size_t i = 0; i < open_.size(); ++i) p += "> ";
        return p;
    }

    /// A shortcode alone on its line that opens or closes a block; false for the others.
    bool block(const Shortcode& sc, std::string& out) {
        if (!known(sc.name) && closed_.count(sc.name)) {
            wrapped_ += sc.closing ? (wrapped_ > 0 ? -1 : 0) : 1;
            unknown(sc.name, {file_, number_, 1});
            out += prefix();
            return true;
        }
        if (sc.closing) {
            if (open_.empty() || open_.back().name != sc.name) return false;  // inline_codes warns
            open_.pop_back();
            out += prefix();  // an empty line ends the quote
            return true;
        }
        if (sc.name == "highlight") {
            std::string info = sc.arg("lang", 0);
            if (const std::string options = sc.positional.size() > 1 ? sc.positional[1] : ""; !options.empty())
                info += " {" + options + "}";
            out += prefix() + "```" + info;
            in_highlight_ = true;
            highlight_line_ = number_;
            return true;
        }
        if (const std::string_view kind = alert_kind(sc); !kind.empty()) {
            std::string title = sc.arg("title");
            out += prefix() + "> [!" + std::string(kind) + "]" + (title.empty() ? "" : " " + title);
            open_.push_back({sc.name, number_});
            return true;
        }
        if (sc.name == "details") {
            std::string summary = sc.arg("summary", 0);
            out += prefix() + "> **" + (summary.empty() ? "Details" : summary) + "**\\";
            open_.push_back({sc.name, number_});
            return true;
        }
        return false;
    }

    /// `line` with its inline shortcodes replaced.
    std::string inline_codes(std::string_view line) {
        std::string out;
        std::size_t copied = 0;
        for (std::size_t at = line.find("{{"); at != std::string_view::npos; at = line.find("{{", at + 2)) {
            if (const std::optional<std::pair<std::size_t, std::string>> text = escaped(line, at);
                text && !inside_inline_code(line, at)) {
                out.append(line, copied, at - copied);
                out += text->second;
                copied = text->first;
                at = copied - 2;
                continue;
            }
            const std::optional<Shortcode> sc = shortcode_at(line, at);
            if (!sc || inside_inline_code(line, at)) continue;
            out.append(line, copied, at - copied);
            out += replacement(*sc, static_cast<std::uint32_t>(at + 1));
            copied = sc->end;
            at = sc->end - 2;
        }
        out.append(line, copied);
        return out;
    }

    std::string replacement(const Shortcode& sc, std::uint32_t column) {
        const SourceLocation where{file_, number_, column};
        if (sc.closing) {
            if (!known(sc.name))
                unknown(sc.name, where);
            else if (sc.name != "ref" && sc.name != "relref" && sc.name != "param" && sc.name != "figure")
                sink_.warn("shortcode.unmatched", where,
                           "'{{< /" + sc.name + " >}}' closes no open '" + sc.name + "' shortcode; it is left out");
            return "";
        }
        if (sc.name == "figure") {
            std::string caption = sc.arg("caption");
            if (caption.empty()) caption = sc.arg("title");
            std::string escaped;
            for (char c : caption) escaped += c == '"' ? std::string("\\\"") : std::string(1, c);
            return "![" + sc.arg("alt") + "](<" + sc.arg("src", 0) + ">" + (escaped.empty() ? "" : " \"" + escaped + "\"") + ")";
        }
        if (sc.name == "ref" || sc.name == "relref") {
            const std::string target = sc.arg("path", 0);
            const std::size_t hash = target.find('#');
            if (hash == 0) return target;
            sink_.warn("shortcode.ref", where,
                       "'" + sc.name + " \"" + target + "\"' points at another page; the link text is printed without a link");
            return "";
        }
        if (sc.name == "param") {
            const std::string name = sc.arg("name", 0);
            const doc::Value* params = front_matter_.find("params");
            const doc::Value* v = params ? params->find(name) : nullptr;
            if (!v) v = front_matter_.find(name);
            if (v && v->as_string()) return *v->as_string();
            double number = 0;
            if (v && v->to_number(number)) return v->as_int() ? std::to_string(*v->as_int()) : std::to_string(number);
            sink_.warn("shortcode.param", where, "front matter has no parameter '" + name + "'; nothing is printed for it");
            return "";
        }
        if (!known(sc.name)) unknown(sc.name, where);
        return "";
    }

    static bool known(const std::string& name) {
        return name == "highlight" || name == "details" || name == "figure" || name == "ref" || name == "relref" ||
               name == "param" || !alert_kind(Shortcode{0, 0, name}).empty();
    }

    void unknown(const std::string& name, const SourceLocation& where) {
        if (warned_.insert(name).second)
            sink_.warn("shortcode.unknown", where,
                       "Hugo shortcode '" + name + "' is not understood; its content is kept as Markdown (reported once per name)");
    }

    const std::string& file_;
    const doc::Value& front_matter_;
    DiagnosticSink& sink_;
    std::uint32_t number_ = 0;
    std::string fence_;                // the open code fence's marker, empty outside code
    bool in_highlight_ = false;
    struct Open {
        std::string name;
        std::uint32_t line;
    };
    std::vector<Open> open_;           // callout and details shortcodes being quoted
    std::uint32_t highlight_line_ = 0;  // where the open highlight shortcode started
    std::set<std::string> warned_;
    std::set<std::string> closed_;  // names that have an end tag somewhere
    int wrapped_ = 0;               // unknown shortcodes with end tags around this line
};

}  // namespace

std::optional<std::string> expand(std::string_view body, std::uint32_t first_line, const std::string& file,
                                  const doc::Value& front_matter, DiagnosticSink& sink) {
    if (body.find("{{<") == std::string_view::npos && body.find("{{%") == std::string_view::npos) return std::nullopt;
    Expander expander(body, file, front_matter, sink);
    std::string out;
    out.reserve(body.size() + body.size() / 8);
    std::uint32_t number = first_line;
    for (std::size_t pos = 0; pos <= body.size(); ++number) {
        const std::size_t nl = body.find('\n', pos);
        const std::size_t end = nl == std::string_view::npos ? body.size() : nl;
        expander.line(body.substr(pos, end - pos), number, out);
        if (nl == std::string_view::npos) break;
        out += '\n';
        pos = nl + 1;
    }
    expander.finish();
    return out;
}

}  // namespace galley::markdown::shortcodes
