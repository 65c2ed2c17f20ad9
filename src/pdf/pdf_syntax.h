// PDF syntax shared by the page writer and the CID fonts: numbers, hex and text strings, names,
// and a hook that lets a libharu dict carry entries its object API cannot build well.
// Private to pdf/.
#pragma once

#include <hpdf.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace galley::pdf {

/// Appends `v` as a PDF number with at most `decimals` fraction digits: no exponent, no
/// trailing zeros, no "-0" (PDF 32000-1, 7.3.3). NaN and infinities become 0 and magnitudes
/// are capped, so a content stream never holds "nan" or a number a reader rejects.
void put_number(std::string& out, double v, int decimals = 3);
void put_int(std::string& out, long long v);

/// Appends four upper-case hex digits of a two-byte code (a CID in a TJ string or a CMap).
void put_hex16(std::string& out, unsigned code);

/// Appends UTF-8 text as UTF-16BE hex digits (above U+FFFF as a surrogate pair), no BOM.
void put_utf16be_hex(std::string& out, std::string_view utf8);

/// Appends `name` as a name object: '/' and the bytes, every byte outside '!'..'~' and every
/// delimiter or '#' written as #xx (7.3.5). Any byte string round-trips except NUL.
void put_name(std::string& out, std::string_view name);

/// A text string object (7.9.2.2) for UTF-8 text: a literal when it is printable ASCII (where
/// PDFDocEncoding agrees), else UTF-16BE with a byte order mark. Cut to libharu's 65535-byte
/// limit at a character boundary. Null when libharu cannot allocate it.
void* new_text_string(HPDF_MMgr mmgr, std::string_view utf8);

/// Makes libharu write `entries` (pre-formatted "/Key value\n" lines) inside `dict` after its
/// own entries. `entries` must outlive HPDF_SaveToStream. For what the object API does badly:
/// the catalog /Dests dict (a libharu dict takes 4095 entries at most, with linear lookup) and
/// the /W array. Uses the dict's `attr` slot, so only for dicts galley creates itself.
void attach_raw_entries(HPDF_Dict dict, const std::string* entries);

/// FNV-1a, 64 bit: a stable hash for subset tags and destination-name aliases (not for /ID).
std::uint64_t fnv1a(std::string_view bytes, std::uint64_t h = 0xcbf29ce484222325ull);

}  // namespace galley::pdf
