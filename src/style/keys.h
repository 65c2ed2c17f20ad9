// Internal to style/: the table of declared style keys, each with what it sets in Style.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "doc/value.h"
#include "style/style.h"

namespace galley::style {

/// A declared key and how it sets the style.
struct Key {
    KeyInfo info;
    /// Reads the value into the style, or returns why it cannot (the style is then unchanged).
    std::function<std::string(Style&, const doc::Value&)> set;
    /// Applied before the other keys of the same table, so the keys it abbreviates refine it
    /// whatever order they are written in (page.margins, then page.margin-bottom).
    bool shorthand = false;
};

/// Every declared key, in the order of styles/default.toml.
const std::vector<Key>& key_table();

/// The declared key of that dotted name, or nullptr.
const Key* find_key(std::string_view name);

}  // namespace galley::style
