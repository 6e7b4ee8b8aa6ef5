"""Layout assembly: paragraphs and tables cut by page breaks read as one again."""
from __future__ import annotations

from extract.layout import PageBreak, RawCell, RawPara, RawTable, assemble, continues
from extract.model import TextBuilder


class Stream:
    def __init__(self):
        self.tb = TextBuilder()
        self.tb.new_page(1)
        self.items = []
        self.page = 1

    def _put(self, text):
        if not self.tb.at_line_start:
            self.tb.newline()
        s, e = self.tb.add(text)
        return (s, e, self.page)

    def para(self, text, **kw):
        self.items.append(RawPara(pieces=[self._put(text)], **kw))

    def note(self, label, text):
        self.items.append(RawPara(pieces=[self._put(text)], kind="footnote", footnote_label=label))

    def table(self, rows):
        raw = [[RawCell(pieces=[self._put(c)] if c else [], row=r, col=i) for i, c in enumerate(row)]
               for r, row in enumerate(rows)]
        self.items.append(RawTable(rows=raw, pages=[self.page]))

    def page_break(self):
        self.items.append(PageBreak(self.page))
        self.page += 1
        self.tb.new_page(self.page)

    def build(self):
        pages = self.tb.pages()
        full = "\n".join(p.text for p in pages)
        return assemble(self.items, lambda s, e: full[s:e]), full


def test_sentence_cut_by_footnote_area_and_page_break_is_one_block():
    s = Stream()
    s.para("I. Công tác chỉ đạo")
    s.para("Sở sẽ tiến hành kiểm tra công tác cải cách hành chính tại 03 phòng chuyên môn, nghiệp vụ")
    s.note("1", "¹ Kế hoạch số 2170/KH-SKHCCN ngày 30/12/2022.")
    s.page_break()
    s.para("thuộc Sở, gồm: Phòng Quản lý Khoa học.")
    (blocks, _), full = s.build()
    body = [b for b in blocks if b.location == "body"]
    assert body[1].text.endswith("nghiệp vụ thuộc Sở, gồm: Phòng Quản lý Khoa học.")
    assert body[1].pages == [1, 2]
    # offsets still point into the stored text, page by page
    i = body[1].text.index("thuộc Sở")
    ev = body[1].evidence(i, i + len("thuộc Sở"))
    assert full[ev["char_start"]:ev["char_end"]] == "thuộc Sở" and ev["page"] == 2
    assert [b.kind for b in blocks if b.location == "footnote"] == ["footnote"]


def test_headings_and_list_items_are_not_joined():
    assert not continues("2. Cải cách thủ tục hành chính", frozenset(), "a) Về kiểm soát", frozenset())
    assert not continues("Kiến nghị đối với UBND tỉnh", frozenset(), "- Chỉ đạo thủ trưởng", frozenset())
    assert not continues("Theo đó thực hiện.", frozenset(), "thuộc Sở", frozenset())
    assert continues("tiến hành kiểm tra tại", frozenset(), "Khoa học và Công nghệ", frozenset())
    assert not continues("tiến hành kiểm tra tại", frozenset(), "Khoa học", frozenset(), known_break=False)


def test_table_over_pages_is_one_table_with_split_row_joined():
    s = Stream()
    header = ["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số lượng"]
    s.table([header, ["1", "Số TTHC được công bố mới", "Thủ tục", "0"],
             ["2", "Số đơn vị SNCL tự chủ (lũy", "Cơ quan, đơn vị", "2"]])
    s.page_break()
    s.table([header, ["", "kế đến thời điểm báo cáo)", "", ""], ["3", "Tổng số văn bản đi", "Văn bản", "2265"]])
    (blocks, tables), _ = s.build()
    assert len(tables) == 1
    t = tables[0]
    assert t.header_rows == 1
    labels = [r[1].text for r in t.rows[t.header_rows:]]
    assert labels == ["Số TTHC được công bố mới", "Số đơn vị SNCL tự chủ (lũy kế đến thời điểm báo cáo)",
                      "Tổng số văn bản đi"]
    assert t.rows[2][1].pages == [1, 2]


def test_split_sub_row_without_index_joined_but_a_new_sub_row_is_not():
    """A sub-row (no STT) split by a page break: its tail goes on in lower case and leaves the
    value column empty; the next sub-row starts a new label."""
    header = ["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số lượng"]
    s = Stream()
    s.table([header, ["1", "Vị trí việc làm", "", ""],
             ["", "Cơ quan, đơn vị đã được phê duyệt vị", "Có = 1", "1"]])
    s.page_break()
    s.table([header, ["", "trí việc làm theo quy định", "Không = 0", ""],
             ["", "Số công chức được tuyển dụng", "Người", "3"]])
    (_, tables), _ = s.build()
    labels = [r[1].text for r in tables[0].rows[1:]]
    assert labels == ["Vị trí việc làm", "Cơ quan, đơn vị đã được phê duyệt vị trí việc làm theo quy định",
                      "Số công chức được tuyển dụng"]
    assert tables[0].rows[2][2].text == "Có = 1 Không = 0"


def test_tables_without_a_page_break_between_stay_apart():
    s = Stream()
    s.table([["STT", "Nội dung"], ["1", "a"]])
    s.para("Phụ lục 2")
    s.table([["STT", "Nội dung"], ["1", "b"]])
    (_, tables), _ = s.build()
    assert len(tables) == 2
