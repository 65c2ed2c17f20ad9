// Calendar timestamps: ISO 8601 reading and writing, and conversion to Unix epoch seconds.
#include "frontmatter/timestamp.h"

#include <charconv>
#include <chrono>

namespace galley::frontmatter {
namespace {

/// The proleptic Gregorian calendar date of a timestamp (the calendar ISO 8601 and RFC 3339
/// use); `ok()` says whether it exists.
std::chrono::year_month_day civil_date(const Timestamp& t) {
    return {std::chrono::year{t.year}, std::chrono::month{static_cast<unsigned>(t.month)},
            std::chrono::day{static_cast<unsigned>(t.day)}};
}

/// Reads exactly `digits` decimal digits at `pos`.
bool read_fixed(std::string_view s, std::size_t& pos, int digits, int& out) {
    if (pos + digits > s.size()) return false;
    for (int i = 0; i < digits; ++i)
        if (s[pos + i] < '0' || s[pos + i] > '9') return false;
    std::from_chars(s.data() + pos, s.data() + pos + digits, out);
    pos += digits;
    return true;
}

bool read_char(std::string_view s, std::size_t& pos, char c) {
    if (pos < s.size() && s[pos] == c) return ++pos, true;
    return false;
}

void skip_spaces(std::string_view s, std::size_t& pos) {
    while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
}

/// `.fraction`: digits beyond nanoseconds are dropped.
void read_fraction(std::string_view s, std::size_t& pos, std::uint32_t& nanosecond) {
    if (!read_char(s, pos, '.')) return;
    std::uint32_t scale = 100'000'000;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        nanosecond += static_cast<std::uint32_t>(s[pos] - '0') * scale;
        scale /= 10;
        ++pos;
    }
}

/// `Z`, `z`, `±HH`, `±HHMM` or `±HH:MM`; nothing at all leaves the offset unset.
bool read_offset(std::string_view s, std::size_t& pos, std::optional<int>& offset) {
    if (pos == s.size()) return true;
    if (read_char(s, pos, 'Z') || read_char(s, pos, 'z')) return offset = 0, true;
    const char sign = s[pos];
    if (sign != '+' && sign != '-') return false;
    ++pos;
    int hours = 0, minutes = 0;
    // YAML 1.1 allows a one-digit hour ("-5").
    if (!read_fixed(s, pos, 2, hours) && !read_fixed(s, pos, 1, hours)) return false;
    if (pos < s.size()) {
        read_char(s, pos, ':');
        if (!read_fixed(s, pos, 2, minutes)) return false;
    }
    if (hours > 23 || minutes > 59) return false;
    offset = (sign == '-' ? -1 : 1) * (hours * 60 + minutes);
    return true;
}

/// `v` in decimal, zero-padded to `width` digits.
std::string padded(int v, std::size_t width) {
    std::string s = std::to_string(v);
    return s.size() < width ? std::string(width - s.size(), '0') + s : s;
}

}  // namespace

std::optional<Timestamp> parse_iso8601(std::string_view s) {
    Timestamp t;
    std::size_t pos = 0;
    if (!read_fixed(s, pos, 4, t.year) || !read_char(s, pos, '-') ||
        !read_fixed(s, pos, 2, t.month) || !read_char(s, pos, '-') || !read_fixed(s, pos, 2, t.day))
        return std::nullopt;
    if (!civil_date(t).ok()) return std::nullopt;
    t.has_date = true;
    if (pos == s.size()) return t;

    if (!read_char(s, pos, 'T') && !read_char(s, pos, 't')) {
        const std::size_t before = pos;
        skip_spaces(s, pos);
        if (pos == before) return std::nullopt;
    }
    if (!read_fixed(s, pos, 2, t.hour) || !read_char(s, pos, ':') ||
        !read_fixed(s, pos, 2, t.minute))
        return std::nullopt;
    if (read_char(s, pos, ':')) {
        if (!read_fixed(s, pos, 2, t.second)) return std::nullopt;
        read_fraction(s, pos, t.nanosecond);
    }
    // A second of 60 is a leap second (RFC 3339, 5.7).
    if (t.hour > 23 || t.minute > 59 || t.second > 60) return std::nullopt;
    t.has_time = true;
    skip_spaces(s, pos);
    if (!read_offset(s, pos, t.offset_minutes) || pos != s.size()) return std::nullopt;
    return t;
}

std::string format_iso8601(const Timestamp& t) {
    std::string out;
    if (t.has_date) {
        out = padded(t.year, 4) + '-' + padded(t.month, 2) + '-' + padded(t.day, 2);
        if (t.has_time) out += 'T';
    }
    if (t.has_time) {
        out += padded(t.hour, 2) + ':' + padded(t.minute, 2) + ':' + padded(t.second, 2);
        if (t.nanosecond != 0) {
            std::string digits = padded(static_cast<int>(t.nanosecond), 9);
            digits.erase(digits.find_last_not_of('0') + 1);
            out += '.' + digits;
        }
    }
    if (t.has_time && t.offset_minutes) {
        const int m = *t.offset_minutes;
        if (m == 0) {
            out += 'Z';
        } else {
            const int a = m < 0 ? -m : m;
            out += (m < 0 ? '-' : '+') + padded(a / 60, 2) + ':' + padded(a % 60, 2);
        }
    }
    return out;
}

doc::DateTime to_datetime(const Timestamp& t, std::string text) {
    doc::DateTime dt;
    dt.text = std::move(text);
    if (t.has_date) {
        const std::int64_t days = std::chrono::sys_days(civil_date(t)).time_since_epoch().count();
        dt.epoch = days * 86400 + t.hour * 3600 + t.minute * 60 + t.second - t.offset_minutes.value_or(0) * 60;
        dt.has_epoch = true;
    }
    return dt;
}

}  // namespace galley::frontmatter
