/* Bulk glyph reading for the PDF reader: one call per page instead of several ctypes calls per glyph.
 *
 * read_glyphs() loops over a pdfium text page and fills caller-owned arrays (numpy buffers) with what
 * extract/readers/pdf_glyphs.py would otherwise ask pdfium for glyph by glyph. It calls pdfium through
 * the function pointers the caller passes (those of the library pypdfium2 loaded), so it links against
 * nothing. The module init only lets Python find the compiled file; the function is called with ctypes.
 */
#include <Python.h>

typedef unsigned int (*get_unicode_t)(void *, int);
typedef int (*is_generated_t)(void *, int);
typedef int (*get_char_box_t)(void *, int, double *, double *, double *, double *);
typedef int (*get_char_origin_t)(void *, int, double *, double *);
typedef int (*get_loose_char_box_t)(void *, int, float *);
typedef double (*get_font_size_t)(void *, int);
typedef void *(*get_text_object_t)(void *, int);

/* fns: GetUnicode, IsGenerated, GetCharBox, GetCharOrigin, GetLooseCharBox, GetFontSize, GetTextObject.
 * Per glyph i: code[i]; generated[i]; box[4i..] = left, right, bottom, top (GetCharBox's order);
 * origin[2i..] = x, y; loose[4i..] = FS_RECTF left, top, right, bottom; size[i]; obj[i] = pointer. */
int read_glyphs(void *tp, int n, void **fns, unsigned int *code, signed char *generated, double *box,
                double *origin, float *loose, double *size, unsigned long long *obj) {
    get_unicode_t get_unicode = (get_unicode_t)fns[0];
    is_generated_t is_generated = (is_generated_t)fns[1];
    get_char_box_t get_char_box = (get_char_box_t)fns[2];
    get_char_origin_t get_char_origin = (get_char_origin_t)fns[3];
    get_loose_char_box_t get_loose_char_box = (get_loose_char_box_t)fns[4];
    get_font_size_t get_font_size = (get_font_size_t)fns[5];
    get_text_object_t get_text_object = (get_text_object_t)fns[6];
    for (int i = 0; i < n; i++) {
        code[i] = get_unicode(tp, i);
        generated[i] = (signed char)is_generated(tp, i);
        double *b = box + 4 * i;
        if (!get_char_box(tp, i, b, b + 1, b + 2, b + 3)) b[0] = b[1] = b[2] = b[3] = 0.0;
        double *o = origin + 2 * i;
        if (!get_char_origin(tp, i, o, o + 1)) o[0] = o[1] = 0.0;
        float *l = loose + 4 * i;
        if (!get_loose_char_box(tp, i, l)) l[0] = l[1] = l[2] = l[3] = 0.0f;
        size[i] = get_font_size(tp, i);
        obj[i] = (unsigned long long)(size_t)get_text_object(tp, i);
    }
    return n;
}

static struct PyModuleDef glyphs_module = {PyModuleDef_HEAD_INIT, "_glyphs",
                                           "Bulk glyph reading (called with ctypes: read_glyphs).", -1, NULL};

PyMODINIT_FUNC PyInit__glyphs(void) { return PyModule_Create(&glyphs_module); }
