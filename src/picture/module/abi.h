// The C interface between the picture stage and its vector module (picture-vector.so: librsvg,
// cairo, libqpdf), which the stage loads with dlopen on the first SVG or PDF picture, so that
// galley links none of them and documents without such pictures load none (they cost 7 ms of
// start-up on every run when linked). Plain C types only.
#pragma once

#include <stddef.h>
#include <stdint.h>

extern "C" {

/// One PDF object of a copied page: object `index` (0 is the Form XObject) whose text is `body`
/// (a direct object, or a stream's dict entries without /Length) with references to other
/// objects of the page at `ref_count` places: refs[2i] is a byte offset into `body` where
/// "N 0 R" for object refs[2i+1] goes. A stream (`stream` 1) has `data`, already encoded as
/// its /Filter says, or to be Flate-encoded by galley when `compress` is 1.
typedef void (*GalleyPictureEmit)(void* context, uint32_t index, const char* body, size_t body_size,
                                  const uint32_t* refs, size_t ref_count, int stream, int compress,
                                  const char* data, size_t data_size);

struct GalleyPictureModule {
    /// GALLEY_PICTURE_ABI; the stage refuses a module with another number.
    int abi;
    /// Reads `size` bytes: an SVG drawing when `svg` is 1 (drawn into a PDF page first), else a
    /// PDF file, of which page `page` (1-based) is used. Emits the page as a Form XObject and
    /// the objects it reaches and returns 1, with the page's box in the form's output space in
    /// `box` (x, y, width, height in points); or returns 0 with the reason, in the words of a
    /// warning, in `problem` (NUL-terminated, cut to `problem_size`). Safe on several threads.
    int (*read)(const uint8_t* data, size_t size, int svg, int page, double box[4], GalleyPictureEmit emit,
                void* context, char* problem, size_t problem_size);
};

#define GALLEY_PICTURE_ABI 1

/// The one symbol the module exports.
#define GALLEY_PICTURE_ENTRY "galley_picture_module_v1"
typedef const GalleyPictureModule* (*GalleyPictureEntry)(void);
}
