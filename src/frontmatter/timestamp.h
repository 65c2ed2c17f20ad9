// Calendar timestamps: reading ISO 8601 / RFC 3339 dates and date-times from text, writing them
// back in ISO 8601 form, and converting them to seconds since the Unix epoch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "doc/value.h"

namespace galley::frontmatter {

/// A date and/or a clock time as TOML, YAML and ISO 8601 strings write them.
struct Timestamp {
    bool has_date = false;
    bool has_time = false;
    int year = 1970, month = 1, day = 1;
    int hour = 0, minute = 0, second = 0;
    std::uint32_t nanosecond = 0;
    /// Minutes east of UTC; none for a local time, which galley reads as UTC so that output does
    /// not depend on the machine's time zone.
    std::optional<int> offset_minutes;
};

/// Reads `YYYY-MM-DD`, optionally followed by `T`, `t` or spaces and `HH:MM[:SS[.fraction]]`,
/// optionally followed by `Z`, `z` or an offset `±HH[:MM]` (spaces before it allowed, as YAML
/// 1.1 timestamps allow). Fields are range checked (month 1-12, day within the month, ...).
std::optional<Timestamp> parse_iso8601(std::string_view text);

/// The ISO 8601 form: `2024-11-04`, `09:00:00`, `2024-11-04T09:00:00.5+01:00`.
std::string format_iso8601(const Timestamp& t);

/// A doc::DateTime with `text` and, when `t` has a date, its epoch (offset applied).
doc::DateTime to_datetime(const Timestamp& t, std::string text);

}  // namespace galley::frontmatter
