"""Which legacy Vietnamese font (TCVN3, VNI) a DOCX run is typed in, and decoding its text.

A run's font is the first `w:rFonts` (hAnsi, the font Word uses for the
Latin-1 range legacy codes live in, then ascii) found on the run, its
character style chain, its paragraph's style chain (or the default paragraph
style), and the document defaults. A theme font ends the search: themes name
Unicode fonts. Text of runs without a legacy font is decoded only when the
document's text as a whole is detected to be legacy-encoded
(`legacy_fonts.detect_encoding`), and never in a paragraph that already
holds Vietnamese Unicode letters.
"""
from __future__ import annotations

from .. import legacy_fonts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
KEEP = "keep"  # a part never decoded: footnote numbers, tabs, breaks


def _rfonts_name(rpr) -> str | None:
    """The font an rPr / style rPr sets for high-ANSI text, '' for a theme font, None if it sets none."""
    if rpr is None:
        return None
    rf = rpr.find(W + "rFonts")
    if rf is None:
        return None
    for attr in ("hAnsi", "ascii"):
        name = rf.get(W + attr)
        if name:
            return name
    if rf.get(W + "hAnsiTheme") or rf.get(W + "asciiTheme"):
        return ""
    return None


class RunFonts:
    """Font resolution for one document, plus what was decoded (`log`)."""

    def __init__(self, d) -> None:
        self.log = legacy_fonts.DecodeLog()
        self.fallback: str | None = None
        self._styles: dict[str, tuple[str | None, str | None]] = {}  # id -> (font, basedOn)
        self._default_para: str | None = None
        self._doc_default: str | None = None
        self._cache: dict[tuple, str | None] = {}
        self._refused: set[str] = set()  # codecs the document's own text shows its fonts do not use
        try:
            root = d.styles.element if d is not None else None
        except Exception:  # noqa: BLE001 - a package without a usable styles part: runs only
            root = None
        if root is None:
            return
        dd = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self._doc_default = _rfonts_name(dd)
        for st in root.findall(W + "style"):
            sid = st.get(W + "styleId")
            based = st.find(W + "basedOn")
            self._styles[sid] = (_rfonts_name(st.find(W + "rPr")), based.get(W + "val") if based is not None else None)
            if st.get(W + "type") == "paragraph" and st.get(W + "default") in ("1", "true", "on"):
                self._default_para = sid

    def para_style(self, p) -> str | None:
        ps = p.find(f"{W}pPr/{W}pStyle")
        return ps.get(W + "val") if ps is not None else self._default_para

    def _style_font(self, sid: str | None) -> str | None:
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            font, based = self._styles.get(sid, (None, None))
            if font is not None:
                return font
            sid = based
        return None

    def font_name(self, r, pstyle: str | None) -> str | None:
        rpr = r.find(W + "rPr")
        name = _rfonts_name(rpr)
        if name is not None:
            return name
        rs = rpr.find(W + "rStyle") if rpr is not None else None
        for found in (self._style_font(rs.get(W + "val")) if rs is not None else None,
                      self._style_font(pstyle), self._doc_default):
            if found is not None:
                return found
        return None

    def codec(self, r, pstyle: str | None) -> str | None:
        """'tcvn3', 'tcvn3-caps', 'vni' or None for the run `r` in a paragraph of style `pstyle`: the codec its
        font names, unless the document's text in that codec reads better as stored (`check_fonts`)."""
        name = self.font_name(r, pstyle)
        key = (name,)
        if key not in self._cache:
            codec = legacy_fonts.font_codec(name) if name else None
            if codec and codec in self._refused:
                codec = None
            elif codec:
                self.log.fonts.add(name)
            self._cache[key] = codec
        return self._cache[key]

    def check_fonts(self, body) -> None:
        """Refuse a legacy codec whose runs, all of the document's together, read as less Vietnamese decoded than
        as stored (Unicode text in a font still named .VnTime)."""
        texts: dict[str, list[str]] = {}
        for p in body.iter(W + "p"):
            pstyle = self.para_style(p)
            para: dict[str, str] = {}
            for r in p.iter(W + "r"):
                codec = self.codec(r, pstyle)
                if codec:
                    para[codec] = para.get(codec, "") + "".join(t.text or "" for t in r.iter(W + "t"))
            for c, t in para.items():
                texts.setdefault(c, []).append(t)
        self._refused = {c for c, ts in texts.items() if not legacy_fonts.decodes_better("\n".join(ts), c)}
        if self._refused:
            self._cache.clear()
            self.log.fonts.clear()

    def detect_fallback(self, body) -> None:
        """Decide, from the text of runs in no legacy font, whether that text is legacy-encoded anyway."""
        self.check_fonts(body)
        lines = []
        for p in body.iter(W + "p"):
            pstyle = self.para_style(p)
            lines.append("".join(t.text or "" for r in p.iter(W + "r") if self.codec(r, pstyle) is None
                                 for t in r.iter(W + "t")))
        self.fallback = legacy_fonts.detect_encoding("\n".join(lines))

    def decode_parts(self, parts: list[tuple[str, str | None]]) -> str:
        """Join a paragraph's (text, codec) parts, decoding each stretch of one codec."""
        fallback = self.fallback
        if fallback and legacy_fonts.VI_LETTERS.search("".join(t for t, c in parts if c is None)):
            fallback = None  # this paragraph is Unicode already
        out: list[str] = []
        i = 0
        while i < len(parts):
            codec = parts[i][1]
            j = i
            while j < len(parts) and parts[j][1] == codec:
                j += 1
            text = "".join(t for t, _ in parts[i:j])
            use = codec if codec not in (None, KEEP) else fallback if codec is None else None
            if use and text.strip():
                decoded = legacy_fonts.decode(text, use)
                if decoded != text:
                    if codec is None:
                        self.log.guess(use, j - i)
                    else:
                        self.log.font(use, j - i)
                text = decoded
            out.append(text)
            i = j
        return "".join(out)
