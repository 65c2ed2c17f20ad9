// Telling a text file from a binary one before it is read as Markdown.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace galley::sniff {

/// Why bytes are not a text document: what they look like, and the byte offset that shows it
/// (0 for a file signature, the first NUL's offset otherwise).
struct Binary {
    std::string what;  // "a PDF file", "UTF-16 text", "binary data (a NUL byte)"
    std::size_t offset = 0;
};

/// How far into the input a NUL byte marks it as binary: git's rule (a NUL in the first 8000
/// bytes), so a long text with a stray NUL later is still read, the NUL removed with a warning.
inline constexpr std::size_t kNulWindow = 8000;

/// Whether `bytes` are a binary file rather than Markdown: a known file signature (PDF, ZIP and
/// the office formats built on it, PNG, JPEG, GIF, WebP, gzip, bzip2, xz, zstd, ELF), a UTF-16 or
/// UTF-32 byte order mark, or a NUL within the first kNulWindow bytes. std::nullopt for text.
std::optional<Binary> binary_kind(std::string_view bytes);

}  // namespace galley::sniff
