// File access for the command-line job: the only place galley touches the file system.
#pragma once

#include <optional>
#include <string>

#include "galley/galley.h"

namespace galley::app {

/// Reads a whole file; std::nullopt if it cannot be opened or read.
std::optional<Bytes> read_file(const std::string& path);

/// A regular file mapped read-only (mmap), so only the pages used are read and nothing is
/// copied; the mapping lasts while the result's owner lives. What cannot be mapped (an empty
/// file, a pipe) is read as read_file does. std::nullopt if it cannot be opened or read.
std::optional<SharedBytes> map_file(const std::string& path);

/// Reads standard input to the end.
Bytes read_stdin();

/// Whether standard output is a terminal (where a PDF must not go).
bool stdout_is_terminal();

/// Whether standard input is the regular file at `path` (`galley - -o a.md < a.md`).
bool same_file_as_stdin(const std::string& path);

/// Writes `data` to `path` atomically: into a temporary file in the same folder, flushed, then
/// renamed over `path`. On failure nothing at `path` changes and the message says why. A
/// symbolic link is followed (the file it leads to is replaced or created, the link stays); a
/// replaced file keeps its permissions; a device, pipe or socket is written to directly (a
/// terminal is refused); a folder is refused.
bool write_file_atomic(const std::string& path, const Bytes& data, std::string& error);

/// The folder holding galley's data (fonts/ and styles/): $GALLEY_DATA_DIR, else
/// <executable dir>/../share/galley, else the source tree the binary was built from.
std::string data_dir(const std::string& source_dir_fallback);

}  // namespace galley::app
