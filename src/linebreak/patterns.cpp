// Pattern dictionaries into libhyphen's automaton: lines are read as libhyphen reads them, each
// pattern's letters go into a trie (whose nodes are the automaton's states), and the fallback
// states are the trie's suffix links (Aho–Corasick), found in one breadth-first walk.
#include "linebreak/patterns.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <span>

namespace galley::linebreak {

namespace {

/// libhyphen reads patterns with fgets into a buffer of this many bytes (MAX_CHARS): a longer
/// line arrives in pieces, each read as a line of its own.
constexpr std::size_t kLineBuffer = MAX_CHARS;

/// The dictionary's bytes in the pieces fgets(buf, size, f) would return.
class Lines {
public:
    explicit Lines(std::string_view bytes) : rest_(bytes) {}

    /// The next piece, up to and including a newline, at most size - 1 bytes, NUL-terminated
    /// in `buf`; false at the end.
    bool next(char* buf, std::size_t size) {
        if (rest_.empty()) return false;
        std::size_t n = std::min(rest_.size(), size - 1);
        if (const void* nl = std::memchr(rest_.data(), '\n', n)) n = static_cast<const char*>(nl) - rest_.data() + 1;
        std::memcpy(buf, rest_.data(), n);
        buf[n] = '\0';
        rest_.remove_prefix(n);
        return true;
    }

private:
    std::string_view rest_;
};

/// libhyphen's hnj_strchomp: drops one line end ("\n", "\r" or "\r\n").
void chomp(char* s) {
    const std::size_t k = std::strlen(s);
    if (k > 0 && (s[k - 1] == '\r' || s[k - 1] == '\n')) s[k - 1] = '\0';
    if (k > 1 && s[k - 2] == '\r') s[k - 2] = '\0';
}

/// One level of patterns while its lines are read: settings go straight into its HyphenDict,
/// patterns into a trie of their letter strings. Node 0 is the empty string, libhyphen's
/// state 0; strings are kept as offsets into the shared arena until every level is read.
class LevelBuilder {
public:
    LevelBuilder(HyphenDict& dict, std::string& strings) : dict_(dict), strings_(strings) {
        nodes_.emplace_back();
        root_children_.fill(-1);
    }

    /// One line, as hnj_hyphen_load_line reads it: a setting, or a pattern such as "a1b2c" or
    /// a non-standard one "f1f/ff=f,1,2" (replacement, its start and its length). `buf` is
    /// changed, as libhyphen changes it.
    void add_line(char* buf) {
        if (setting(buf)) return;
        char* repl = std::strchr(buf, '/');
        signed char replindex = 0, replcut = 0;
        int repl_at = -1;
        if (repl) {
            char* index = std::strchr(repl + 1, ',');
            *repl = '\0';
            if (index) {
                char* index2 = std::strchr(index + 1, ',');
                *index = '\0';
                if (index2) {
                    *index2 = '\0';
                    replindex = static_cast<signed char>(std::atoi(index + 1) - 1);
                    replcut = static_cast<signed char>(std::atoi(index2 + 1));
                }
            } else {
                chomp(repl + 1);
                replcut = static_cast<signed char>(std::strlen(buf));
            }
            repl_at = store(repl + 1);
        }
        // Letters into `word`; the digit before letter j (or after the last) into pattern[j],
        // '0' where there is none. Any byte above the space or with the high bit set is a letter.
        char word[kLineBuffer + 1];
        char pattern[kLineBuffer + 2];
        std::size_t j = 0;
        pattern[0] = '0';
        for (std::size_t i = 0; static_cast<unsigned char>(buf[i]) > ' '; ++i) {
            if (buf[i] >= '0' && buf[i] <= '9') {
                pattern[j] = buf[i];
            } else {
                word[j] = buf[i];
                pattern[++j] = '0';
            }
        }
        word[j] = '\0';
        pattern[j + 1] = '\0';
        std::size_t skip = 0;
        if (repl_at < 0) {
            while (pattern[skip] == '0') ++skip;  // leading zeros match nothing
        } else {
            if (word[0] == '.') ++skip;
            if (dict_.utf8) to_byte_positions(word, replindex, replcut);
        }
        Node& n = nodes_[insert(std::string_view(word, j))];
        n.match = store(std::string_view(pattern + skip, j + 1 - skip));
        n.repl = repl_at;
        n.replindex = replindex;
        n.replcut = replcut ? replcut : static_cast<signed char>(j);
    }

    /// The automaton's states and transitions (a state's transitions are contiguous), and the
    /// level's string pointers, once the arena is complete.
    void finish(std::vector<HyphenState>& states, std::vector<HyphenTrans>& transitions) {
        const auto at = [&](int offset) { return offset < 0 ? nullptr : strings_.data() + offset; };
        states.resize(nodes_.size());
        transitions.resize(nodes_.size() - 1);  // one edge into every node but the root
        std::size_t next = 0;
        for (std::size_t u = 0; u < nodes_.size(); ++u) {
            const Node& n = nodes_[u];
            HyphenState& s = states[u];
            s = {at(n.match), at(n.repl), n.replindex, n.replcut, -1, 0, nullptr};
            for (int v = n.first_child; v >= 0; v = nodes_[v].next_sibling)
                transitions[next + s.num_trans++] = {nodes_[v].ch, v};
            if (s.num_trans > 0) s.trans = &transitions[next];
            next += static_cast<std::size_t>(s.num_trans);
        }
        set_fallbacks(states);
        dict_.num_states = static_cast<int>(states.size());
        dict_.states = states.data();
        dict_.nohyphen = at(nohyphen_);
        std::vector<Node>().swap(nodes_);
    }

private:
    struct Node {
        int first_child = -1;
        int next_sibling = -1;
        char ch = 0;  // the byte on the edge from the parent
        int match = -1;  // arena offsets, -1 for none
        int repl = -1;
        signed char replindex = 0;
        signed char replcut = 0;
    };

    HyphenDict& dict_;
    std::string& strings_;
    std::vector<Node> nodes_;
    /// The root's children by byte: every pattern starts there, and most suffix links end
    /// there, so its long sibling list is not walked.
    std::array<int, 256> root_children_;
    int nohyphen_ = -1;

    int store(std::string_view s) {
        const int at = static_cast<int>(strings_.size());
        strings_.append(s).push_back('\0');
        return at;
    }

    int child(int node, char ch) const {
        if (node == 0) return root_children_[static_cast<unsigned char>(ch)];
        for (int c = nodes_[node].first_child; c >= 0; c = nodes_[c].next_sibling)
            if (nodes_[c].ch == ch) return c;
        return -1;
    }

    /// The node of `word`, creating it and any missing prefix.
    int insert(std::string_view word) {
        int node = 0;
        for (char ch : word) {
            int c = child(node, ch);
            if (c < 0) {
                c = static_cast<int>(nodes_.size());
                nodes_.push_back({-1, nodes_[node].first_child, ch});
                nodes_[node].first_child = c;
                if (node == 0) root_children_[static_cast<unsigned char>(ch)] = c;
            }
            node = c;
        }
        return node;
    }

    /// LEFTHYPHENMIN, RIGHTHYPHENMIN, their COMPOUND forms and NOHYPHEN; false for a pattern.
    bool setting(const char* buf) {
        if (buf[0] != 'L' && buf[0] != 'R' && buf[0] != 'C' && buf[0] != 'N') return false;
        const auto number = [&](const char* key, char& out) {
            const std::size_t len = std::strlen(key);
            if (std::strncmp(buf, key, len) != 0) return false;
            out = static_cast<char>(std::atoi(buf + len));
            return true;
        };
        if (number("LEFTHYPHENMIN", dict_.lhmin) || number("RIGHTHYPHENMIN", dict_.rhmin) ||
            number("COMPOUNDLEFTHYPHENMIN", dict_.clhmin) || number("COMPOUNDRIGHTHYPHENMIN", dict_.crhmin))
            return true;
        if (std::strncmp(buf, "NOHYPHEN", 8) != 0) return false;
        // A comma-separated list. libhyphen drops the line's last byte (its newline), cuts the
        // list at every comma after the first byte and counts the cuts into nohyphenl. (A later
        // NOHYPHEN line replaces the list; libhyphen 2.8.8 kept adding to the count, so its
        // matcher read past the list's end.)
        const char* list = buf + 8;
        while (*list == ' ' || *list == '\t') ++list;
        nohyphen_ = store(list);
        dict_.nohyphenl = 0;
        char* s = strings_.data() + nohyphen_;
        const std::size_t len = std::strlen(s);
        if (len == 0) return true;
        s[len - 1] = '\0';
        for (std::size_t k = len - 1; k-- > 1;)
            if (s[k] == ',') s[k] = '\0', ++dict_.nohyphenl;
        return true;
    }

    /// A replacement's start and length come in characters; libhyphen counts them in bytes of
    /// a UTF-8 dictionary, relative to the word without its leading dot.
    static void to_byte_positions(const char* word, signed char& replindex, signed char& replcut) {
        int pu = -1, ps = -1;  // character positions: current, and the replacement's start
        const std::size_t length = std::strlen(word);
        for (std::size_t pc = word[0] == '.' ? 1 : 0; pc < length + 1; ++pc) {
            if ((static_cast<unsigned char>(word[pc]) >> 6) != 2) ++pu;  // not a continuation byte
            if (ps < 0 && replindex == pu) {
                ps = replindex;
                replindex = static_cast<signed char>(pc);
            }
            if (ps >= 0 && pu - ps == replcut) {
                replcut = static_cast<signed char>(pc - static_cast<std::size_t>(replindex));
                break;
            }
        }
        if (word[0] == '.') --replindex;
    }

    /// libhyphen's fallback states: per state, the state of the longest proper suffix of its
    /// string that has one (the empty string at least), as the trie's suffix links; -1 for
    /// state 0. Breadth first, so a suffix (shorter) is linked before the string. Lookups scan
    /// the contiguous transitions rather than the trie's sibling lists, which miss the cache.
    void set_fallbacks(std::vector<HyphenState>& states) const {
        const auto step = [&](int state, char ch) {
            if (state == 0) return root_children_[static_cast<unsigned char>(ch)];
            const HyphenState& s = states[static_cast<std::size_t>(state)];
            for (int t = 0; t < s.num_trans; ++t)
                if (s.trans[t].ch == ch) return s.trans[t].new_state;
            return -1;
        };
        std::vector<int> order{0};
        order.reserve(states.size());
        for (std::size_t k = 0; k < order.size(); ++k) {
            const int u = order[k];
            const HyphenState& s = states[static_cast<std::size_t>(u)];
            for (int t = 0; t < s.num_trans; ++t) {
                const HyphenTrans& tr = s.trans[t];
                order.push_back(tr.new_state);
                int f = s.fallback_state, to = -1;
                while (f >= 0 && (to = step(f, tr.ch)) < 0) f = states[static_cast<std::size_t>(f)].fallback_state;
                states[static_cast<std::size_t>(tr.new_state)].fallback_state = std::max(to, 0);
            }
        }
    }
};

/// Feeds lines to `level` up to a NEXTLEVEL line (true) or the end (false). Lines that start
/// with '%' are comments.
bool read_level(Lines& lines, LevelBuilder& level) {
    char buf[kLineBuffer];
    while (lines.next(buf, sizeof buf)) {
        if (buf[0] == 'N' && std::strncmp(buf, "NEXTLEVEL", 9) == 0) return true;
        if (buf[0] != '%') level.add_line(buf);
    }
    return false;
}

/// libhyphen's compound level for a dictionary without one: words break after hyphens and
/// apostrophes (and en dashes and typographic apostrophes in UTF-8), and not next to them.
void add_default_compound_level(LevelBuilder& level, bool utf8) {
    std::string lines[] = {utf8 ? "NOHYPHEN ',\u2013,\u2019,-\n" : "NOHYPHEN ',-\n", "1-1\n", "1'1\n",
                           "1\u20131\n", "1\u20191\n"};
    for (std::string& line : std::span(lines).first(utf8 ? 5 : 3)) level.add_line(line.data());
}

}  // namespace

PatternDictionary::PatternDictionary(std::string_view dic) {
    strings_.reserve(dic.size() + dic.size() / 2);
    Lines lines(dic);
    HyphenDict& first = dicts_[0];
    HyphenDict& second = dicts_[1];
    // The first line names the encoding; libhyphen reads it into its 20-byte name buffer.
    if (lines.next(first.cset, sizeof first.cset))
        for (char& c : first.cset)
            if (c == '\r' || c == '\n') c = '\0';
    first.utf8 = std::strcmp(first.cset, "UTF-8") == 0;
    std::memcpy(second.cset, first.cset, sizeof second.cset);
    second.utf8 = first.utf8;

    LevelBuilder one(first, strings_), two(second, strings_);
    const bool next_level = read_level(lines, one);
    if (next_level)
        read_level(lines, two);
    else
        add_default_compound_level(two, first.utf8 != 0);
    one.finish(states_[0], transitions_[0]);
    two.finish(states_[1], transitions_[1]);

    if (next_level) {
        first.nextlevel = &second;
        top_ = &first;
        return;
    }
    // The default level comes first and takes the file's minimums; its compound minimums
    // default to them, or to 3.
    second.nextlevel = &first;
    second.lhmin = first.lhmin;
    second.rhmin = first.rhmin;
    second.clhmin = first.clhmin ? first.clhmin : first.lhmin ? first.lhmin : 3;
    second.crhmin = first.crhmin ? first.crhmin : first.rhmin ? first.rhmin : 3;
    top_ = &second;
}

}  // namespace galley::linebreak
