"""hoso: each rule family with positives, negatives, negation zeros, rates, targets, periods."""
from __future__ import annotations

import datetime as dt

import pytest

from extract.extractors import Context
from extract.extractors import hoso
from tests.helpers import doc_from_text

HEAD = "Số: 12/BC-SKHCN\n\nBÁO CÁO\n\nCông tác cải cách hành chính quý I năm 2023\n\n1. Kết quả\n\n"


def run(body: str, head: str = HEAD):
    doc = doc_from_text(head + body)
    return hoso.extract(doc, Context())


def pairs(body: str, head: str = HEAD, kind: str | None = "actual"):
    return {(r["field"], r["value"]) for r in run(body, head)["hoso"] if kind is None or r["kind"] == kind}


@pytest.mark.parametrize("body,expected", [
    # counts with their qualifiers, leading zeros, thousand dots
    ("Sở đã tiếp nhận 63 hồ sơ (trong đó, trực tuyến 52 hồ sơ, kỳ trước chuyển qua 10 hồ sơ và trực tiếp 01 hồ sơ).",
     {("received", 63), ("received_online", 52), ("carried_over", 10), ("received_direct", 1)}),
    ("Toàn tỉnh tiếp nhận 659.245 hồ sơ.", {("received", 659245)}),
    ("Thực hiện giải quyết và trả kết quả trước hạn 59 hồ sơ và đúng hạn 0 hồ sơ, trễ hạn 0 hồ sơ, 0 hồ xin rút, "
     "0 hồ sơ trả lại và 4 hồ sơ đang xử lý chưa đến hạn trả kết quả.",
     {("resolved_early", 59), ("resolved_on_time", 0), ("resolved_late", 0), ("withdrawn", 0), ("returned", 0),
      ("pending_not_due", 4)}),
    # labels with a colon, ratios
    ("* Số hồ sơ giải quyết đúng hạn: 09 hồ sơ;", {("resolved_on_time", 9)}),
    ("* Số hồ sơ đang trong quá trình giải quyết nhưng chưa đến hạn: 0 hồ sơ;", {("pending_not_due", 0)}),
    ("Trong đó số hồ sơ đã giải quyết đúng hạn và trước hạn là 09/09 hồ sơ (đạt 100%).",
     {("resolved_on_time_or_early", 9), ("on_time_rate_pct", 100)}),
    ("+ Về tiếp nhận hồ sơ: có 07/09 hồ sơ tiếp nhận qua hình thức online, 02/09 hồ sơ tiếp nhận qua trung tâm hành chính công.",
     {("received_online", 7), ("received_direct", 2)}),
    ("Tổng số hồ sơ tiếp nhận qua dịch vụ công trực tuyến mức độ 3 là 02 hồ sơ.", {("received_online_level3", 2)}),
    ("Sở tiếp nhận 29 hồ sơ (Trong đó tiếp nhận mới là 29 hồ sơ), đã giải quyết đúng hạn 28 hồ sơ.",
     {("received", 29), ("received_new", 29), ("resolved_on_time", 28)}),
    # a total on the portal is not an online count
    ("Sở tiếp nhận 09 hồ sơ trên Cổng dịch vụ công tỉnh.", {("received", 9)}),
    # rates
    ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%.", {("on_time_rate_pct", 98.5)}),
    ("Tỷ lệ hồ sơ xử lý trực tuyến đạt 54.9%.", set()),
])
def test_counts(body, expected):
    assert pairs(body) == expected


@pytest.mark.parametrize("body,expected", [
    ("Trong năm 2023, Sở không có trường hợp hồ sơ giải quyết quá hạn và hồ sơ đã quá hạn giải quyết nên không có thực hiện xin lỗi.",
     {("resolved_late", 0), ("pending_overdue", 0)}),
    ("Không có hồ sơ quá hạn.", {("resolved_late", 0)}),
    ("Không có hồ sơ được tiếp nhận qua dịch vụ BCCI và trả kết quả qua dịch vụ BCCI.", {("received_postal", 0)}),
    ("Sở không có đơn thư kiến nghị.", set()),
])
def test_negation_zeros(body, expected):
    assert pairs(body) == expected


@pytest.mark.parametrize("body", [
    "Sở ban hành 516 văn bản, trong đó 417 văn bản điện tử.",
    "Chỉ có 34/40 nhiệm vụ đúng hạn.",
    "Trong kỳ tiếp nhận 05 đơn thư, giải quyết 05 đơn thư.",
    "Số lượng phiếu khảo sát 55 phiếu.",
    "Sở đã giải ngân 159,136/200 triệu đồng, đạt 79,57% kế hoạch vốn.",
    "Triển khai lập hồ sơ điện tử và nộp lưu 120 hồ sơ vào Lưu trữ cơ quan.",
])
def test_not_hoso(body):
    assert pairs(body, kind=None) == set()


def test_plan_targets_are_targets():
    head = "Số: /KH-SKHCN\n\nKẾ HOẠCH\n\nCải cách hành chính năm 2023\n\nI. MỤC TIÊU\n\n"
    rows = run("4. 100% hồ sơ thực hiện theo cơ chế một cửa được trả trước hạn và đúng hạn.", head)["hoso"]
    assert rows and all(r["kind"] == "target" for r in rows)


@pytest.mark.parametrize("body", [
    "Phấn đấu 100% hồ sơ được giải quyết đúng hạn.",
    "Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 95%.",
])
def test_target_wording_in_a_report(body):
    rows = run(body)["hoso"]
    assert rows and all(r["kind"] == "target" for r in rows)


def test_periods_sticky_in_section_and_sentence_only():
    body = ("Từ ngày 15/12/2022 đến ngày 14/6/2023, Sở đã tiếp nhận 63 hồ sơ.\n\n"
            "Đã giải quyết đúng hạn 60 hồ sơ.\n\n"
            "2. Trực tuyến\n\n"
            "Tổng số hồ sơ tiếp nhận trực tuyến (tính từ 01/01/2023 đến 01/3/2023) là 13 hồ sơ.\n\n"
            "Không có hồ sơ được tiếp nhận qua dịch vụ BCCI.")
    rows = {r["field"]: (r["period_start"], r["period_end"]) for r in run(body)["hoso"]}
    assert rows["received"] == (dt.date(2022, 12, 15), dt.date(2023, 6, 14))
    assert rows["resolved_on_time"] == (dt.date(2022, 12, 15), dt.date(2023, 6, 14))
    assert rows["received_online"] == (dt.date(2023, 1, 1), dt.date(2023, 3, 1))
    assert rows["received_postal"] == (dt.date(2023, 1, 1), dt.date(2023, 3, 31))  # the document's quarter


def test_subjects_kept_apart():
    body = "- Cấp huyện: tiếp nhận 1.200 hồ sơ.\n\n- Cấp xã: tiếp nhận 3.400 hồ sơ."
    rows = {(r["subject"], r["value"]) for r in run(body)["hoso"]}
    assert rows == {("cấp huyện", 1200), ("cấp xã", 3400)}


def test_summary_derives_and_flags():
    out = run("Sở tiếp nhận trực tuyến 52 hồ sơ, trực tiếp 11 hồ sơ; giải quyết trước hạn 50 hồ sơ, đúng hạn 10 hồ sơ.")
    (s,) = out["hoso_summary"]
    assert s["received"] == 63 and "received" in s["derived_fields"]
    assert s["resolved_on_time_or_early"] == 60
    assert s["received_online"] == 52 and "received_online" not in (s["derived_fields"] or "")


def test_table_rows():
    body = ("STT\tChỉ tiêu thống kê\tĐơn vị tính\tSố lượng\n"
            "1\tSố lượng hồ sơ TTHC do cơ quan, đơn vị tiếp nhận\t\t29\n"
            "2\tTỷ lệ hồ sơ TTHC tiếp nhận được giải quyết đúng hạn\t%\t100%\n"
            "3\tTổng số hồ sơ thực tế được trả kết quả qua dịch vụ BCCI\tHồ sơ\t0\n"
            "4\tSố nhiệm vụ đã hoàn thành\tNhiệm vụ\t16\n")
    assert pairs(body) == {("received", 29), ("on_time_rate_pct", 100)}


# ---- held-out fixes: pending groups, online payment, table rates, periods of lists and tables, one row per figure

@pytest.mark.parametrize("body,expected", [
    # "quá hạn" inside the group that details a pending count is overdue-pending, not resolved late
    ("Đã giải quyết 100 hồ sơ, trễ hạn 2 hồ sơ; đang giải quyết 391 hồ sơ (chưa đến hạn 385 hồ sơ, quá hạn 06 hồ sơ).",
     {("resolved", 100), ("resolved_late", 2), ("pending", 391), ("pending_not_due", 385), ("pending_overdue", 6)}),
    ("Đang giải quyết 20 hồ sơ, trong đó trong hạn 15 hồ sơ, quá hạn 5 hồ sơ.",
     {("pending", 20), ("pending_not_due", 15), ("pending_overdue", 5)}),
    # its own words say it is still being processed
    ("Đã giải quyết 1.086 hồ sơ; đang giải quyết 32 hồ sơ trong hạn.", {("resolved", 1086), ("pending_not_due", 32)}),
    ("Đang giải quyết 4 hồ sơ quá hạn.", {("pending_overdue", 4)}),
    # a resolved group keeps its meaning
    ("Đã giải quyết 2.298 hồ sơ, trong đó: trước hạn 1.544 hồ sơ, đúng hạn 729 hồ sơ, quá hạn 25 hồ sơ; đang giải quyết 205 hồ sơ.",
     {("resolved", 2298), ("resolved_early", 1544), ("resolved_on_time", 729), ("resolved_late", 25), ("pending", 205)}),
    ("Đã giải quyết 50 hồ sơ (trong hạn 48 hồ sơ, quá hạn 2 hồ sơ).",
     {("resolved", 50), ("resolved_on_time", 48), ("resolved_late", 2)}),
    # online payment is not a receipt channel
    ("Trong lĩnh vực lý lịch tư pháp, có 1.245 hồ sơ thực hiện thanh toán phí trực tuyến.", set()),
    ("Sở tiếp nhận 300 hồ sơ trực tuyến; 120 hồ sơ thanh toán trực tuyến.", {("received_online", 300)}),
])
def test_pending_groups_and_payment(body, expected):
    assert pairs(body) == expected


@pytest.mark.parametrize("rows,expected", [
    # a rate row of a hồ sơ table needs no "hồ sơ" in its own label
    ("1\tTổng số hồ sơ tiếp nhận\tHồ sơ\t1.304\n2\tTỷ lệ giải quyết đúng hạn\t%\t97,24\n",
     {("received", 1304), ("on_time_rate_pct", 97.24)}),
    # ... but a table of other things does not make it one
    ("1\tSố phản ánh, kiến nghị\tPhản ánh\t12\n2\tTỷ lệ giải quyết đúng hạn\t%\t90\n", set()),
    ("1\tTổng số hồ sơ tiếp nhận\tHồ sơ\t10\n2\tTỷ lệ giải quyết đúng hạn phản ánh, kiến nghị\t%\t90\n", {("received", 10)}),
])
def test_table_rate_rows(rows, expected):
    assert pairs("STT\tNội dung\tĐơn vị tính\tSố lượng\n" + rows) == expected


D = dt.date


def test_range_carries_through_paragraph_and_list_items():
    body = ("- Cấp huyện: Từ ngày 15/6/2024 đến ngày 14/9/2024, Bộ phận Một cửa huyện tiếp nhận 2.347 hồ sơ. "
            "Đã giải quyết 2.298 hồ sơ. Tỷ lệ hồ sơ giải quyết đúng hạn và trước hạn đạt 98,91%.\n\n"
            "- Cấp xã: tiếp nhận 6.812 hồ sơ; đang giải quyết 22 hồ sơ.")
    got = {(r["field"], r["value"], r["subject"]): (r["period_start"], r["period_end"]) for r in run(body)["hoso"]}
    rng = (D(2024, 6, 15), D(2024, 9, 14))
    assert got == {("received", 2347, "cấp huyện"): rng, ("resolved", 2298, "cấp huyện"): rng,
                   ("on_time_rate_pct", 98.91, "cấp huyện"): rng,
                   ("received", 6812, "cấp xã"): rng, ("pending", 22, "cấp xã"): rng}


def test_bracketed_data_range_wins_over_named_period():
    body = ("Trong 9 tháng đầu năm 2024 (số liệu từ ngày 15/12/2023 đến ngày 14/9/2024), Sở tiếp nhận 12.486 hồ sơ. "
            "Đã giải quyết 12.031 hồ sơ.")
    periods = {(r["period_start"], r["period_end"]) for r in run(body)["hoso"]}
    assert periods == {(D(2023, 12, 15), D(2024, 9, 14))}


def test_table_takes_the_range_of_its_introduction_and_figures_are_not_repeated():
    body = ("Từ ngày 15/9/2024 đến ngày 14/10/2024, Sở tiếp nhận 1.304 hồ sơ. Kết quả cụ thể như sau:\n\n"
            "STT\tNội dung\tĐơn vị tính\tSố lượng\n"
            "1\tTổng số hồ sơ tiếp nhận\tHồ sơ\t1.304\n"
            "2\tSố hồ sơ đã giải quyết\tHồ sơ\t1.049\n"
            "3\tTỷ lệ giải quyết đúng hạn\t%\t97,24\n")
    rows = run(body)["hoso"]
    assert sorted((r["field"], r["value"], r["period_start"], r["period_end"]) for r in rows) == sorted([
        ("received", 1304, D(2024, 9, 15), D(2024, 10, 14)),
        ("resolved", 1049, D(2024, 9, 15), D(2024, 10, 14)),
        ("on_time_rate_pct", 97.24, D(2024, 9, 15), D(2024, 10, 14)),
    ])


# ---- second held-out set: withdrawals, relative clauses, rates after a timeliness run, combined channels, level tables

@pytest.mark.parametrize("body,expected", [
    ("Đang giải quyết 12.921 hồ sơ; công dân rút 1.225 hồ sơ.", {("pending", 12921), ("withdrawn", 1225)}),
    ("Trong quý không có trường hợp tổ chức, công dân rút hồ sơ.", {("withdrawn", 0)}),
    ("Không có trường hợp tổ chức, công dân phản ánh về hồ sơ.", set()),
    ("Sở tiếp nhận 6.842 hồ sơ thuộc thẩm quyền giải quyết của Sở.", {("received", 6842)}),
    ("Đã giải quyết 6.603 hồ sơ, trong đó trước hạn 5.917 hồ sơ, đúng hạn 680 hồ sơ, quá hạn 06 hồ sơ, đạt tỷ lệ 99,91%.",
     {("resolved", 6603), ("resolved_early", 5917), ("resolved_on_time", 680), ("resolved_late", 6), ("on_time_rate_pct", 99.91)}),
    # a late share after late figures alone is not the on-time rate
    ("Đã giải quyết 600 hồ sơ, quá hạn 06 hồ sơ (1%).", {("resolved", 600), ("resolved_late", 6)}),
    ("Sở tiếp nhận 3.418 hồ sơ (trực tuyến 3.102 hồ sơ; trực tiếp và qua dịch vụ bưu chính công ích 316 hồ sơ).",
     {("received", 3418), ("received_online", 3102)}),
    ("Sở tiếp nhận 3.418 hồ sơ (trực tuyến 3.102 hồ sơ; qua dịch vụ bưu chính công ích 16 hồ sơ).",
     {("received", 3418), ("received_online", 3102), ("received_postal", 16)}),
])
def test_second_held_out_wording(body, expected):
    assert pairs(body) == expected


LEVEL_TABLE = ("Từ ngày 15/6/2024 đến ngày 14/9/2024, Bộ phận Một cửa các cấp tiếp nhận hồ sơ như sau:\n\n"
               "TT\tCấp tiếp nhận\tTổng số\tTrực tuyến\tTrực tiếp\tBưu chính\n"
               "1\tCấp thành phố\t3.126\t2.874\t205\t47\n"
               "2\tCấp xã (09 phường, 02 xã)\t4.583\t3.911\t640\t32\n"
               "\tTổng cộng\t7.709\t6.785\t845\t79\n")


def test_level_by_channel_table():
    rs = [r for r in run(LEVEL_TABLE)["hoso"] if r["kind"] == "actual"]
    got = {(r["subject"], r["field"], r["value"]) for r in rs}
    assert ("Cấp thành phố", "received", 3126) in got and (None, "received_postal", 79) in got  # a total row is the whole
    assert ("Cấp xã (09 phường, 02 xã)", "received_direct", 640) in got
    assert len(got) == 12
    assert {(r["period_start"], r["period_end"]) for r in rs} == {(dt.date(2024, 6, 15), dt.date(2024, 9, 14))}


@pytest.mark.parametrize("table,expected", [
    # timeliness columns
    ("TT\tCấp\tĐúng hạn, trước hạn\tQuá hạn\tĐang giải quyết\n1\tCấp huyện\t95\t3\t7\n",
     {("resolved_on_time_or_early", 95), ("resolved_late", 3), ("pending", 7)}),
    # rows are agencies: each figure is a stated result (it keeps the agency as its subject)
    ("STT\tĐơn vị\tTiếp nhận\tTrực tuyến\tQuá hạn\n1\tPhòng Nghiệp vụ Dược\t6.214\t5.903\t102\n",
     {("received", 6214), ("received_online", 5903), ("resolved_late", 102)}),
    # columns count TTHC, not hồ sơ
    ("TT\tCấp\tTổng số TTHC\tToàn trình\tMột phần\n1\tCấp huyện\t263\t100\t163\n", set()),
    # a single channel column is not a table by channel
    ("TT\tCấp\tTổng số\tTrực tuyến\n1\tCấp huyện\t263\t100\n", set()),
])
def test_level_tables_read_by_column(table, expected):
    assert pairs("Kết quả giải quyết hồ sơ như sau:\n\n" + table) == expected


# --------------------------------------------------------------------------- breakdown tables

def rows_of(body: str, head: str = HEAD):
    return run(body, head)["hoso"]


def test_breakdown_table_by_commune_keeps_subject_and_skips_share_column():
    body = ("Kết quả giải quyết hồ sơ của các xã như sau:\n\n"
            "STT\tĐơn vị\tHồ sơ tiếp nhận\tHồ sơ trễ hạn\tTỷ lệ trễ hạn (%)\n"
            "1\tXã Mỹ Hòa\t1.026\t64\t6\n"
            "2\tXã Trường Xuân\t948\t51\t5\n")
    got = {(r["field"], r["value"], r["subject"]) for r in rows_of(body)}
    assert got == {("received", 1026, "Xã Mỹ Hòa"), ("resolved_late", 64, "Xã Mỹ Hòa"),
                   ("received", 948, "Xã Trường Xuân"), ("resolved_late", 51, "Xã Trường Xuân")}


def test_breakdown_table_rows_that_are_months_have_their_own_period():
    body = ("Kết quả tiếp nhận, giải quyết hồ sơ theo tháng:\n\n"
            "Tháng\tTiếp nhận\tĐã giải quyết\tTrễ hạn\n"
            "Tháng 7/2025\t1.482\t1.305\t9\n"
            "Tháng 8/2025\t1.736\t1.690\t5\n"
            "Cộng\t3.218\t2.995\t14\n")
    got = {(r["field"], r["value"]): (r["period_start"], r["period_end"], r["subject"]) for r in rows_of(body)}
    assert got[("received", 1482)] == (dt.date(2025, 7, 1), dt.date(2025, 7, 31), "Tháng 7/2025")
    assert got[("resolved_late", 5)][:2] == (dt.date(2025, 8, 1), dt.date(2025, 8, 31))
    assert got[("received", 3218)][2] is None  # the total row is the whole


def test_table_of_other_objects_is_not_hoso():
    body = ("Kết quả xử lý phản ánh, kiến nghị:\n\n"
            "STT\tĐơn vị\tTiếp nhận\tĐã giải quyết\n"
            "1\tSở Xây dựng\t12\t10\n")
    assert rows_of(body) == []


def test_breakdown_total_restating_the_text_takes_the_text_period():
    body = ("Từ ngày 15/12/2022 đến ngày 14/3/2023, Sở tiếp nhận 80 hồ sơ, đã giải quyết 75 hồ sơ.\n\n"
            "Phụ lục\n\nKết quả giải quyết hồ sơ theo đơn vị\n\n"
            "STT\tĐơn vị\tTiếp nhận\tĐã giải quyết\n"
            "1\tPhòng A\t50\t48\n"
            "2\tPhòng B\t30\t27\n"
            "\tTổng cộng\t80\t75\n")
    got = {(r["field"], r["value"]): (r["period_start"], r["period_end"]) for r in rows_of(body)}
    assert got[("received", 50)] == (dt.date(2022, 12, 15), dt.date(2023, 3, 14))


def test_overdue_sub_row_of_pending_is_pending_overdue():
    body = ("STT\tChỉ tiêu\tĐơn vị tính\tSố lượng\n"
            "1\tSố hồ sơ đã giải quyết\tHồ sơ\t320\n"
            "\t- Trễ hạn\tHồ sơ\t6\n"
            "2\tSố hồ sơ đang giải quyết\tHồ sơ\t24\n"
            "\t- Quá hạn\tHồ sơ\t3\n")
    assert {("resolved_late", 6), ("pending_overdue", 3)} <= pairs(body)
    assert ("resolved_late", 3) not in pairs(body)


@pytest.mark.parametrize("body,expected,absent", [
    ("Đã giải quyết 1.219 hồ sơ, trong đó trước hạn 1.102 hồ sơ, không có hồ sơ trễ hạn; "
     "tỷ lệ giải quyết đúng hạn, trước hạn đạt 100%.", ("on_time_rate_pct", 100), None),
    ("Giải quyết 3.102 hồ sơ, trong đó quá hạn 04 hồ sơ, tỷ lệ giải quyết đúng hạn và trước hạn đạt tỷ lệ 99,87%.",
     ("on_time_rate_pct", 99.87), None),
    ("Đã giải quyết 1.219 hồ sơ, trễ hạn 3 hồ sơ; tỷ lệ hồ sơ trễ hạn 2%.", ("resolved_late", 3), ("on_time_rate_pct", 2)),
    ("Rà soát toàn bộ 41 hồ sơ quá hạn đang xử lý.", ("pending_overdue", 41), ("resolved_late", 41)),
])
def test_rate_and_overdue_clauses(body, expected, absent):
    got = pairs(body, kind=None)
    assert expected in got
    assert absent not in got


@pytest.mark.parametrize("body,expected,absent", [
    ("Tổng số hồ sơ phải giải quyết là 2.145 hồ sơ, gồm 87 hồ sơ tồn từ kỳ trước chuyển qua.",
     {("received", 2145), ("carried_over", 87)}, ("resolved", 2145)),
    ("Đã giải quyết xong 8.517 hồ sơ, chậm so với quy định 28 hồ sơ.", {("resolved", 8517), ("resolved_late", 28)}, None),
    ("Còn tồn 1.157 hồ sơ (trong hạn 1.149 hồ sơ, quá hạn 08 hồ sơ).",
     {("pending", 1157), ("pending_not_due", 1149), ("pending_overdue", 8)}, ("resolved_late", 8)),
    ("Còn tồn 934 hồ sơ, không có hồ sơ quá hạn.", {("pending", 934), ("pending_overdue", 0)}, ("resolved_late", 0)),
    ("Tiếp nhận 411.902 hồ sơ, trong đó số hồ sơ giao dịch điện tử 398.517 hồ sơ.",
     {("received", 411902), ("received_online", 398517)}, None),
    ("Bộ phận một cửa của Sở tại Trung tâm Phục vụ hành chính công tỉnh đã nhận 734 hồ sơ.",
     {("received", 734)}, ("received_direct", 734)),
    ("Sở tiếp nhận trực tiếp tại Trung tâm Phục vụ hành chính công 120 hồ sơ.", {("received_direct", 120)}, None),
    ("Giải quyết xong 1.790 hồ sơ, 100% giải quyết trước và đúng hạn.",
     {("resolved", 1790), ("on_time_rate_pct", 100)}, None),
    ("Những tồn tại, hạn chế còn tồn tại trong 12 hồ sơ đất đai cần khắc phục.", set(), ("pending", 12)),
])
def test_more_wordings(body, expected, absent):
    got = pairs(body)
    assert expected <= got
    assert absent not in got


def test_plan_section_reporting_last_years_results_is_actual():
    head = ("Số: 15/KH-SXD\n\nKẾ HOẠCH\n\nCải cách hành chính năm 2025\n\n"
            "I. KẾT QUẢ NĂM 2024 VÀ MỤC ĐÍCH, YÊU CẦU\n\n1. Kết quả năm 2024\n\n")
    body = "Năm 2024, Sở đã tiếp nhận 1.846 hồ sơ.\n\n2. Kết quả cần đạt\n\n100% hồ sơ được giải quyết đúng hạn.\n"
    assert ("received", 1846) in pairs(body, head)
    assert ("on_time_rate_pct", 100) in pairs(body, head, kind="target")


def test_period_columns_and_cumulative_column():
    """"Tháng 10/2024 | Lũy kế từ đầu năm": the columns are periods, not subjects; the month takes the
    text's data period (to 25/10) and the cumulative column runs from 1 January to that day."""
    head = "Số: 30/BC-UBND\n\nBÁO CÁO\n\nCông tác CCHC tháng 10 năm 2024\n\n1. Kết quả\n\n"
    body = ("Từ ngày 01/10/2024 đến ngày 25/10/2024, tổng số hồ sơ phải giải quyết 9.674 hồ sơ.\n\n"
            "STT\tNội dung\tĐơn vị tính\tTháng 10/2024\tLũy kế từ đầu năm\n"
            "1\tTổng số hồ sơ phải giải quyết\tHồ sơ\t9.674\t84.215\n"
            "2\tĐã giải quyết xong\tHồ sơ\t8.517\t83.058\n")
    got = {(r["field"], r["value"]): (r["period_start"], r["period_end"], r["subject"]) for r in rows_of(body, head)}
    assert got[("resolved", 8517)] == (dt.date(2024, 10, 1), dt.date(2024, 10, 25), None)
    assert got[("received", 84215)] == (dt.date(2024, 1, 1), dt.date(2024, 10, 25), None)


def test_destination_period_is_not_the_figures_period():
    rs = rows_of("Còn tồn 74 hồ sơ chuyển sang quý II năm 2023.")
    assert [(r["field"], r["period_start"], r["period_end"]) for r in rs] == [
        ("pending", dt.date(2023, 1, 1), dt.date(2023, 3, 31))]


@pytest.mark.parametrize("body,expected", [
    ("Số hồ sơ đang giải quyết 84 hồ sơ, đều chưa đến hạn.", {("pending", 84), ("pending_not_due", 84)}),
    ("Còn 112 hồ sơ đang giải quyết, đều chưa đến hạn trả kết quả.", {("pending", 112), ("pending_not_due", 112)}),
    ("Đã giải quyết 24.206 hồ sơ, 100% đúng hạn.", {("resolved", 24206), ("on_time_rate_pct", 100)}),
    ("Đã giải quyết 11 hồ sơ; không có hồ sơ tồn.", {("resolved", 11), ("pending", 0)}),
])
def test_whole_count_qualifiers_and_zero_backlog(body, expected):
    assert expected <= pairs(body)


def test_quarter_rows_take_the_year_reported_on_not_the_issue_year():
    head = "Số: 05/BC-CT\n\nNam Định, ngày 10 tháng 01 năm 2024\n\nBÁO CÁO\n\nTổng kết công tác CCHC năm 2023\n\n1. Kết quả\n\n"
    body = ("Năm 2023, Cục tiếp nhận 12.759 hồ sơ. Số liệu theo quý:\n\n"
            "Quý\tHồ sơ tiếp nhận\tĐã giải quyết\n"
            "Quý I\t6.842\t6.790\n"
            "Quý II\t5.917\t5.884\n")
    got = {(r["field"], r["value"]): (r["period_start"], r["period_end"]) for r in rows_of(body, head)}
    assert got[("received", 6842)] == (dt.date(2023, 1, 1), dt.date(2023, 3, 31))


def test_date_range_before_the_first_figure_holds_for_the_section():
    body = ("Kết quả giải quyết hồ sơ từ ngày 01/7/2025 đến ngày 20/9/2025: Sở tiếp nhận 4.917 hồ sơ.\n\n"
            "Đã giải quyết 4.438 hồ sơ, quá hạn 62 hồ sơ.\n")
    got = {(r["field"], r["value"]): (r["period_start"], r["period_end"]) for r in rows_of(body)}
    assert got[("resolved", 4438)] == (dt.date(2025, 7, 1), dt.date(2025, 9, 20))
