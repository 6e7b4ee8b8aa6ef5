"""Build of the optional C helper that reads a PDF page's glyphs in one call (extract/readers/_glyphs.c).

Everything else is configured in pyproject.toml. The helper is optional: without a C compiler the
install goes on and the reader asks pdfium glyph by glyph (same results, slower).
"""
from setuptools import Extension, setup

setup(ext_modules=[Extension("extract.readers._glyphs", ["extract/readers/_glyphs.c"], optional=True,
                             extra_compile_args=["-O2"])])
