// CFF font programs for PDF CIDFontType0 fonts: rewrites the bare CFF table of a subset
// OpenType font as a CID-keyed CFF whose CIDs the caller chooses. Pure bytes in, bytes out.
// Private to pdf/.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace galley::pdf {

/// Rewrites `cff` (a 'CFF ' table, Adobe Technical Note #5176; name-keyed or CID-keyed) as a
/// CID-keyed CFF with registry-ordering-supplement Adobe-Identity-0 in which glyph `g` has CID
/// `cids[g]`, for embedding as /FontFile3 /Subtype /CIDFontType0C (PDF 32000-1, 9.7.4.2: a
/// reader finds the glyph of a CID through the CFF charset, since a CIDFontType0 has no
/// /CIDToGIDMap). `cids` has one entry per glyph of `cff`, `cids[0]` is 0 (.notdef), and the
/// others are distinct and non-zero. The charstrings, subroutines and private dicts are copied
/// unchanged; a name-keyed font gets one font dict (FDArray) holding its Private dict, and its
/// FontMatrix stays in the Top DICT. `font_name` becomes the Name INDEX entry. Returns an empty
/// string when `cff` is malformed or `cids` does not fit it.
std::string cid_keyed_cff(std::string_view cff, std::span<const std::uint16_t> cids,
                          std::string_view font_name);

}  // namespace galley::pdf
