// The C interface between the highlight stage and its KSyntaxHighlighting module
// (highlight-ksh.so), which the stage loads with dlopen on the first code block that names a
// language, so that galley links no Qt and documents without such code load none. Plain C
// types only: the module and galley may be built by different compilers.
#pragma once

#include <stddef.h>
#include <stdint.h>

extern "C" {

/// Flags of a token passed to GalleyHighlightEmit.
enum : uint32_t {
    kGalleyTokenBold = 1u,
    kGalleyTokenItalic = 2u,
    /// The token has a colour of the named library theme (rgb is valid). Without it the
    /// stage styles the token by its kind (the print theme).
    kGalleyTokenThemed = 4u,
};

/// One token: line index from 0, bytes [begin, end) of that line (UTF-8), `kind` a
/// KSyntaxHighlighting::Theme::TextStyle value (0 Normal ... 30 Others), rgb 0xRRGGBB.
typedef void (*GalleyHighlightEmit)(void* context, uint32_t line, uint32_t begin, uint32_t end, int kind,
                                    uint32_t rgb, uint32_t flags);

/// The module's functions. Every call is serialised inside the module (one repository per
/// process, shared by the renders of a batch).
struct GalleyHighlightModule {
    /// kGalleyHighlightAbi; a stage refuses a module with another number.
    int abi;
    /// 1 when `theme` names one of the library's themes ("GitHub Light", ...), else 0.
    int (*has_theme)(const char* theme);
    /// The definition for `name` (a definition name such as "Python", case-insensitive) or, failing
    /// that, for a file named "x.<name>"; -1 when none knows it. The id is valid for the process.
    int (*definition)(const char* name);
    /// Highlights `code` (`size` bytes of UTF-8, lines split at '\n') with definition `id`, in the
    /// library theme `theme` (NULL: kinds only, for the print theme); emits every token not in
    /// the theme's normal text style. 0 when `id` is not a definition.
    int (*highlight)(int id, const char* theme, const char* code, size_t size, GalleyHighlightEmit emit,
                     void* context);
};

/// The version of this interface.
#define GALLEY_HIGHLIGHT_ABI 1

/// The one symbol the module exports.
#define GALLEY_HIGHLIGHT_ENTRY "galley_highlight_module_v1"
typedef const GalleyHighlightModule* (*GalleyHighlightEntry)(void);
}
