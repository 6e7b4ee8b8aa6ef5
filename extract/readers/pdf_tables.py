"""Ruled tables of a PDF page from pdfium's own path objects, found with pdfplumber's table algorithms.

pdfplumber finds tables from the page's *edges*: the lines and rectangles the page
draws. Getting them through pdfplumber means running pdfminer's full interpreter
over the page (every glyph, too), which cost more than everything else the reader
does. Here the edges come from the page objects pdfium already parsed: each path
object's segments, through its matrix, turned into the same line and rectangle
edges pdfminer and pdfplumber make of them (`edges`). pdfplumber's table functions
are plain functions over edges (snap and join, intersections, cells, tables:
`find_tables`), so the cells are the ones pdfplumber would find.

Pages this does not cover exactly (paths inside form XObjects, curves, several
subpaths in one object, a rotated page or one whose boxes do not start at the
origin) return None from `edges`, and the reader asks pdfplumber as before.
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass, field

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
MIN_PATHS_FOR_TABLES = 6  # ruling lines a page needs before tables are looked for


@dataclass
class PageTables:
    """Ruled tables of one page, in pdfium coordinates (origin bottom-left)."""
    cells: list[tuple[int, int, int, tuple[float, float, float, float]]] = field(default_factory=list)
    bboxes: list[tuple[float, float, float, float]] = field(default_factory=list)
    shapes: list[list[list[tuple[int, int] | None]]] = field(default_factory=list)  # per table: rows of (col, span)


@dataclass
class PagePaths:
    """What one pass over the page's path objects tells: does the page draw enough straight
    ruling lines to hold a table (the cheap pre-filter), and its edges (None: a page that draws no table, or
    one pdfplumber must read itself)."""
    ruled: bool
    edges: list[dict] | None


def _counts_as_ruling(left: float, bottom: float, right: float, top: float) -> tuple[int, int]:
    """(horizontal, vertical) ruling lines a path object with these bounds draws."""
    w, h = right - left, top - bottom
    if h <= 2.5 and w >= 15:
        return 1, 0
    if w <= 2.5 and h >= 8:
        return 0, 1
    if w >= 15 and h >= 8:  # a rectangle: 2 of each
        return 2, 2
    return 0, 0


def page_paths(page, page_height: float, want_edges: bool = True) -> PagePaths:
    """The page's path objects (forms included, as the pre-filter always did): do they draw enough ruling
    lines for a table (from their bounds), and, on such a page, their edges (one more pass, segment by
    segment; None where pdfminer's coordinates would not be pdfium's, or a path is left to pdfplumber)."""
    import pypdfium2.raw as raw

    paths = _path_objects(page, raw)
    horiz = vert = 0
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for obj, _level in paths:
        if raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            h, v = _counts_as_ruling(left.value, bottom.value, right.value, top.value)
            horiz, vert = horiz + h, vert + v
    ruled = horiz >= 3 and vert >= 3 and horiz + vert >= MIN_PATHS_FOR_TABLES
    if not ruled or not want_edges or not _plain_page(page):
        return PagePaths(ruled, None)
    edges = _edges(paths, page_height, raw)
    return PagePaths(ruled, edges)


def _path_objects(page, raw) -> list[tuple[object, int]]:
    """(object, level) of each path object of the page and of its form XObjects one level down, in content
    order: what `page.get_objects([FPDF_PAGEOBJ_PATH], max_depth=2)` yields, without a wrapper per object."""
    import pypdfium2 as pdfium

    out: list[tuple[object, int]] = []

    def walk(count, get, parent, level: int) -> None:
        n = count(parent)
        if n < 0:
            raise pdfium.PdfiumError("Failed to get number of pageobjects.")
        for i in range(n):
            obj = get(parent, i)
            if not obj:
                raise pdfium.PdfiumError("Failed to get pageobject.")
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_PATH:
                out.append((obj, level))
            elif kind == raw.FPDF_PAGEOBJ_FORM and level < 1:
                walk(raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject, obj, level + 1)

    walk(raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, page.raw, 0)
    return out


def _edges(paths: list[tuple[object, int]], page_height: float, raw) -> list[dict] | None:
    """pdfminer's lines and rectangle edges of the paths; None when a path is one pdfminer would read
    otherwise (inside a form, a curve, a polyline, no matrix): the page is then left to pdfplumber."""
    lines: list[dict] = []
    rects: list[dict] = []
    matrix = raw.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for obj, level in paths:
        if level > 0:  # inside a form XObject: its matrix is relative to the form's
            return None
        if not raw.FPDFPath_GetDrawMode(obj, fill, stroke):
            return None
        if fill.value == 0 and not stroke.value:
            continue  # neither filled nor stroked: pdfminer paints nothing
        if not raw.FPDFPageObj_GetMatrix(obj, matrix):
            return None
        n = raw.FPDFPath_CountSegments(obj)
        types, pts = [], []
        closed = False
        for k in range(n):
            seg = raw.FPDFPath_GetPathSegment(obj, k)
            types.append(raw.FPDFPathSegment_GetType(seg))
            raw.FPDFPathSegment_GetPoint(seg, x, y)
            px, py = float(x.value), float(y.value)
            pts.append((matrix.a * px + matrix.c * py + matrix.e, matrix.b * px + matrix.d * py + matrix.f))
            closed = closed or bool(raw.FPDFPathSegment_GetClose(seg))
        shape = _shape(types, pts, closed)
        if shape is None:
            return None
        if shape == "line":
            lines.append(_line(pts[0], pts[1], page_height))
        elif shape == "rect":
            rects.append(_rect(pts, page_height))
    return lines + [e for r in rects for e in _rect_edges(r)]


def _plain_page(page) -> bool:
    """Upright, with its media box at the origin and no crop: pdfminer's coordinates are pdfium's."""
    try:
        if page.get_rotation() != 0:
            return False
        media = page.get_mediabox()
        crop = page.get_cropbox()
    except Exception:  # noqa: BLE001
        return False
    return media[0] == 0 and media[1] == 0 and tuple(media) == tuple(crop)


def _shape(types: list[int], pts: list[tuple[float, float]], closed: bool) -> str | None:
    """What pdfminer makes of this path: "line" or "rect"; None for what is left to pdfplumber."""
    import pypdfium2.raw as raw

    if not types or types[0] != raw.FPDF_SEGMENT_MOVETO or any(t != raw.FPDF_SEGMENT_LINETO for t in types[1:]):
        return None  # curves, several subpaths: left to pdfplumber
    if closed:  # "h" closes the subpath back to its start (pdfminer drops a redundant last "l")
        if len(pts) > 2 and pts[-1] == pts[0]:
            pts = pts[:-1]
        pts = pts + [pts[0]]
    if len(pts) == 2:
        return "line"
    if len(pts) == 5:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        return "rect" if pts[0] == pts[4] and square else None
    if len(pts) == 3 and closed:
        return "line"  # "mlh": one segment and back
    return None  # a polyline: pdfminer's curve, whose edges are left to pdfplumber


def _bbox(pts) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


def _obj(x0: float, y0: float, x1: float, y1: float, page_height: float) -> dict:
    top = page_height - y1
    return {"x0": x0, "y0": y0, "x1": x1, "y1": y1, "width": x1 - x0, "height": y1 - y0,
            "top": top, "bottom": page_height - y0, "doctop": top}


def _line(p0, p1, page_height: float) -> dict:
    e = _obj(*_bbox([p0, p1]), page_height)
    e["object_type"] = "line"
    e["orientation"] = "h" if e["top"] == e["bottom"] else "v"
    return e


def _rect(pts, page_height: float) -> dict:
    (x0, y0), (x2, y2) = pts[0], pts[2]
    return _obj(*_bbox([(x0, y0), (x2, y0), (x2, y2), (x0, y2)]), page_height)


def _rect_edges(rect: dict) -> list[dict]:
    """pdfplumber's `rect_to_edges`: top, bottom, left, right."""
    top, bottom, left, right = (dict(rect, object_type="rect_edge") for _ in range(4))
    top.update(height=0, y0=rect["y1"], bottom=rect["top"], orientation="h")
    bottom.update(height=0, y1=rect["y0"], top=rect["top"] + rect["height"],
                  doctop=rect["doctop"] + rect["height"], orientation="h")
    left.update(width=0, x1=rect["x0"], orientation="v")
    right.update(width=0, x0=rect["x1"], orientation="v")
    return [top, bottom, left, right]


def plumber_tables(edges: list[dict]) -> list:
    """pdfplumber's `TableFinder` for the "lines" strategies, run on these edges."""
    from pdfplumber import utils
    from pdfplumber.table import Table, TableSettings, cells_to_tables, edges_to_intersections, merge_edges

    s = TableSettings.resolve(TABLE_SETTINGS)
    v = utils.filter_edges(edges, "v", min_length=s.edge_min_length_prefilter)
    h = utils.filter_edges(edges, "h", min_length=s.edge_min_length_prefilter)
    merged = merge_edges(list(v) + list(h), snap_x_tolerance=s.snap_x_tolerance, snap_y_tolerance=s.snap_y_tolerance,
                         join_x_tolerance=s.join_x_tolerance, join_y_tolerance=s.join_y_tolerance)
    merged = utils.filter_edges(merged, min_length=s.edge_min_length)
    intersections = edges_to_intersections(merged, s.intersection_x_tolerance, s.intersection_y_tolerance)
    cells = intersections_to_cells(intersections)
    return [Table(None, group) for group in cells_to_tables(cells)]  # type: ignore[arg-type]


def intersections_to_cells(intersections: dict) -> list[tuple]:
    """pdfplumber's `intersections_to_cells`, the same cells in the same order: for each intersection, the
    smallest cell it is the top-left corner of. pdfplumber rebuilds the sets of edges at both points on each
    test of whether two points are joined; here each point's sets, and the points below and right of it,
    are found once."""
    from pdfplumber.utils import obj_to_bbox

    points = sorted(intersections)
    v = {p: {obj_to_bbox(e) for e in intersections[p]["v"]} for p in points}
    h = {p: {obj_to_bbox(e) for e in intersections[p]["h"]} for p in points}
    by_x: dict[float, list] = {}
    by_y: dict[float, list] = {}
    for i, p in enumerate(points):
        by_x.setdefault(p[0], []).append(i)
        by_y.setdefault(p[1], []).append(i)

    def joined(p1, p2) -> bool:
        return (p1[0] == p2[0] and not v[p1].isdisjoint(v[p2])) or (p1[1] == p2[1] and not h[p1].isdisjoint(h[p2]))

    cells = []
    for i, pt in enumerate(points[:-1]):
        below = [points[k] for k in by_x[pt[0]] if k > i]
        right = [points[k] for k in by_y[pt[1]] if k > i]
        cell = None
        for below_pt in below:
            if not joined(pt, below_pt):
                continue
            for right_pt in right:
                if not joined(pt, right_pt):
                    continue
                corner = (right_pt[0], below_pt[1])
                if corner in intersections and joined(corner, right_pt) and joined(corner, below_pt):
                    cell = (pt[0], pt[1], corner[0], corner[1])
                    break
            if cell is not None:
                break
        if cell is not None:
            cells.append(cell)
    return cells


def page_tables(tables: list, page_height: float) -> PageTables:
    """Cell rectangles (pdfium coordinates) and grid shapes of pdfplumber `Table`s."""
    out = PageTables()
    for ti, table in enumerate(tables):
        x0, top, x1, bottom = table.bbox
        out.bboxes.append((x0, page_height - bottom, x1, page_height - top))
        xs = sorted({round(c[0], 1) for c in table.cells} | {round(c[2], 1) for c in table.cells})
        shape = []
        for ri, row in enumerate(table.rows):
            srow: list[tuple[int, int] | None] = []
            for cell in row.cells:
                if cell is None:
                    srow.append(None)
                    continue
                cx0, ctop, cx1, cbottom = cell
                col = xs.index(round(cx0, 1)) if round(cx0, 1) in xs else len(srow)
                span = max(1, sum(1 for x in xs if round(cx0, 1) < x <= round(cx1, 1)))
                srow.append((col, span))
                out.cells.append((ti, ri, col, (cx0, page_height - cbottom, cx1, page_height - ctop)))
            shape.append(srow)
        out.shapes.append(shape)
    return out
