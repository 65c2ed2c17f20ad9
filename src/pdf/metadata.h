// The document's metadata in its two forms, which PDF/A requires to agree (ISO 19005-2, 6.6.3):
// the Info dictionary's values and dates, and the XMP packet of the catalog's /Metadata stream.
// Both are made from one cleaned copy of frame::Info, so they cannot disagree. Private to pdf/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "frame/frame.h"

namespace galley::pdf {

/// The longest metadata value kept, in UTF-8 bytes: as a UTF-16 text string it stays within
/// the 32767 bytes PDF/A-2 allows a string (6.1.13); a longer one is cut at a character.
constexpr std::size_t kMaxMetadataBytes = 16000;

/// `info` as both forms give it: every text value without the characters XML 1.0 cannot hold
/// (C0 controls other than tab, line feed and return become spaces; U+FFFE and U+FFFF become
/// U+FFFD) and cut to kMaxMetadataBytes.
frame::Info clean_metadata(const frame::Info& info);

/// "D:YYYYMMDDHHmmSS+00'00'" (PDF 32000-1, 7.9.4) of a Unix time, UTC; empty outside the years
/// 0..9999. '+00'00'' rather than 'Z': 'Z' breaks the XMP dates of PDF/A (DESIGN.md section 5).
std::string pdf_date(std::int64_t epoch);
/// The same instant as XMP writes it (ISO 8601, XMP part 1, 8.2.1.1): "YYYY-MM-DDTHH:mm:SS+00:00";
/// empty outside the years 0..9999.
std::string xmp_date(std::int64_t epoch);

/// The XMP packet (XMP part 1, 7.3) of `info` (cleaned): dc:title, dc:creator, dc:description,
/// dc:subject, dc:language, dc:format; xmp:CreatorTool and, with a date, xmp:CreateDate,
/// ModifyDate and MetadataDate; pdf:Producer and pdf:Keywords; pdfaid:part and conformance
/// for PDF/A-2; pdfuaid:part for PDF/UA-1 (with its PDF/A extension schema when both).
/// UTF-8, without the encoding and bytes attributes PDF/A forbids (6.6.2.1).
std::string xmp_packet(const frame::Info& info);

}  // namespace galley::pdf
