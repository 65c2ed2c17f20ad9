// The man page and shell completions, generated from the option table that --help prints.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace galley::cli {

/// One option as --help shows it.
struct OptionDoc {
    std::vector<std::string> names;  // "-o", "--output"; empty for the positional INPUT
    std::string value;               // the value's name ("FILE"), empty for a flag
    std::vector<std::string> choices;  // the values it accepts, when they are few and fixed
    std::string help;
};

/// The generators `galley --generate WHAT` offers: man, bash, zsh, fish.
inline const std::vector<std::string> kGenerated = {"man", "bash", "zsh", "fish"};

/// Writes the man page (roff, section 1) or a completion script for `what` (one of kGenerated).
void generate(const std::string& what, const std::vector<OptionDoc>& options, const std::string& version,
              std::ostream& out);

}  // namespace galley::cli
