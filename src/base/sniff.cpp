#include "base/sniff.h"

#include <algorithm>
#include <array>

namespace galley::sniff {

namespace {

struct Signature {
    std::string_view magic;
    std::string_view what;
};

// UTF-32 LE must come before UTF-16 LE, whose mark it starts with.
constexpr std::array kSignatures{
    Signature{"%PDF-", "a PDF file"},
    Signature{"PK\x03\x04", "a ZIP archive (or a .docx, .odt, .epub built on one)"},
    Signature{"\x89PNG\r\n\x1a\n", "a PNG picture"},
    Signature{"\xff\xd8\xff", "a JPEG picture"},
    Signature{"GIF87a", "a GIF picture"},
    Signature{"GIF89a", "a GIF picture"},
    Signature{"\x1f\x8b", "gzip-compressed data"},
    Signature{"BZh", "bzip2-compressed data"},
    Signature{"\xfd" "7zXZ", "xz-compressed data"},
    Signature{"\x28\xb5\x2f\xfd", "zstd-compressed data"},
    Signature{"\x7f" "ELF", "a program (ELF)"},
    Signature{std::string_view("\xff\xfe\x00\x00", 4), "UTF-32 text"},
    Signature{std::string_view("\x00\x00\xfe\xff", 4), "UTF-32 text"},
    Signature{"\xff\xfe", "UTF-16 text"},
    Signature{"\xfe\xff", "UTF-16 text"},
};

}  // namespace

std::optional<Binary> binary_kind(std::string_view bytes) {
    for (const Signature& s : kSignatures)
        if (bytes.starts_with(s.magic)) return Binary{std::string(s.what), 0};
    // RIFF....WEBP: the four bytes between are the size.
    if (bytes.size() >= 12 && bytes.starts_with("RIFF") && bytes.substr(8, 4) == "WEBP")
        return Binary{"a WebP picture", 0};
    const std::string_view head = bytes.substr(0, kNulWindow);
    if (const std::size_t nul = head.find('\0'); nul != std::string_view::npos)
        return Binary{"binary data (a NUL byte)", nul};
    return std::nullopt;
}

}  // namespace galley::sniff
