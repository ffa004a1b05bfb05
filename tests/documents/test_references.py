"""The reference parser on the spellings of real stories, official letters and search boxes."""

import datetime

import pytest

from documents.references import find_references, parse_number, parse_query

# (text, [(key, the reference as written)])
FOUND = [
    # The seed story's own sentences.
    (
        "học tập Chỉ thị số 05-CT/TW của Bộ Chính trị khóa XII",
        [("ct-5-tw", "Chỉ thị số 05-CT/TW")],
    ),
    (
        "gắn với thực hiện Nghị quyết số 04-NQ/TW của Ban Chấp hành Trung ương",
        [("nq-4-tw", "Nghị quyết số 04-NQ/TW")],
    ),
    (
        "tổ chức thực hiện nghiêm Quy định số 101-QĐ/TW, ngày 07-6-2012",
        [("qd-101-tw", "Quy định số 101-QĐ/TW")],
    ),
    (
        "Quy định số 55-QĐ/TW, ngày 19-12-2016 của Bộ Chính trị",
        [("qd-55-tw", "Quy định số 55-QĐ/TW")],
    ),
    ("đã ban hành Kế hoạch số 74-KH/HU, ngày 02-11-2017", [("kh-74-hu", "Kế hoạch số 74-KH/HU")]),
    ("Kế hoạch số 03-KH/TW của Ban Bí thư;", [("kh-3-tw", "Kế hoạch số 03-KH/TW")]),
    (
        "Kế hoạch số 49-KH/TU, ngày 20-9-2016 của Ban Thường vụ Tỉnh ủy",
        [("kh-49-tu", "Kế hoạch số 49-KH/TU")],
    ),
    ("thực hiện Chỉ thị 05-CT/TW về “Nâng cao vai trò", [("ct-5-tw", "Chỉ thị 05-CT/TW")]),
    (
        "giám sát việc thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị./.",
        [("ct-5-tw", "Chỉ thị 05-CT/TW")],
    ),
    # Separators as people type them.
    ("Chỉ thị số 05/CT-TW", [("ct-5-tw", "Chỉ thị số 05/CT-TW")]),
    ("Chỉ thị số 05 - CT/TW", [("ct-5-tw", "Chỉ thị số 05 - CT/TW")]),
    ("Chỉ thị số 05–CT/TW", [("ct-5-tw", "Chỉ thị số 05–CT/TW")]),
    ("Chỉ thị số 05 – CT / TW", [("ct-5-tw", "Chỉ thị số 05 – CT / TW")]),
    ("Chỉ thị số 5-CT/TW", [("ct-5-tw", "Chỉ thị số 5-CT/TW")]),
    ("Chỉ thị số: 05-CT/TW", [("ct-5-tw", "Chỉ thị số: 05-CT/TW")]),
    ("Chỉ thị số.05-CT/TW", [("ct-5-tw", "Chỉ thị số.05-CT/TW")]),
    ("Chỉ thị  số   05-CT/TW", [("ct-5-tw", "Chỉ thị  số   05-CT/TW")]),
    # Accentless and lower-case typing.
    ("chi thi so 05-CT/TW", [("ct-5-tw", "chi thi so 05-CT/TW")]),
    ("theo nghi quyet so 04-nq/tw", [("nq-4-tw", "nghi quyet so 04-nq/tw")]),
    ("CHỈ THỊ SỐ 05-CT/TW", [("ct-5-tw", "CHỈ THỊ SỐ 05-CT/TW")]),
    # The symbol alone, and a second one after the first.
    ("theo tinh thần 05-CT/TW", [("ct-5-tw", "05-CT/TW")]),
    (
        "Chỉ thị số 05-CT/TW và 06-CT/TW",
        [("ct-5-tw", "Chỉ thị số 05-CT/TW"), ("ct-6-tw", "06-CT/TW")],
    ),
    # Symbols decide the kind ("Quy định" and "Quyết định" are both QĐ).
    ("Quyết định số 99-QĐ/TW", [("qd-99-tw", "Quyết định số 99-QĐ/TW")]),
    ("Thông báo kết luận số 12-TB/HU", [("tb-12-hu", "kết luận số 12-TB/HU")]),
    # Other kinds and issuers.
    ("Hướng dẫn số 12-HD/BTGTW", [("hd-12-btgtw", "Hướng dẫn số 12-HD/BTGTW")]),
    ("Kết luận số 01-KL/TW", [("kl-1-tw", "Kết luận số 01-KL/TW")]),
    ("Công văn số 215-CV/HU", [("cv-215-hu", "Công văn số 215-CV/HU")]),
    ("Thông báo số 45-TB/ĐU", [("tb-45-du", "Thông báo số 45-TB/ĐU")]),
    # Government documents: year in the symbol, issuer after a dash.
    ("Quyết định số 1234/QĐ-UBND", [("qd-1234-ubnd", "Quyết định số 1234/QĐ-UBND")]),
    ("Nghị quyết số 05/2016/NQ-HĐND", [("nq-5-2016-hdnd", "Nghị quyết số 05/2016/NQ-HĐND")]),
    ("Chỉ thị số 05/CT-TTg của Thủ tướng", [("ct-5-ttg", "Chỉ thị số 05/CT-TTg")]),
    ("Kế hoạch số 45/KH-UBND", [("kh-45-ubnd", "Kế hoạch số 45/KH-UBND")]),
    ("Công văn số 123/UBND-VP", [("cv-123-ubnd-vp", "Công văn số 123/UBND-VP")]),
    # Without a symbol: "số", or a capitalised title.
    ("Chỉ thị số 05 của Bộ Chính trị", [("ct-5", "Chỉ thị số 05")]),
    ("theo Chỉ thị 05 của Bộ Chính trị", [("ct-5", "Chỉ thị 05")]),
    ("kế hoạch số 5 năm 2017", [("kh-5", "kế hoạch số 5")]),
]

NOT_FOUND = [
    "Liên hệ: 0297 3853 123 hoặc 0913-123-456",
    "(0297) 3.853.123",
    "ngày 07-6-2012",
    "ngày 20/9/2016",
    "07/6/2012",
    "Chủ đề 2017-2018 của Tỉnh ủy",
    "kỷ niệm 20 năm (1998-2018)",
    "Trong 02 năm đã tiếp nhận 1.195 tin, bài",
    "chuyên mục thuế 04 buổi/tuần",
    "trị giá 1.500.000 đồng",
    "hỗ trợ 5/2 triệu",
    "nhà số 5 đường Nguyễn Trung Trực",
    "số 12/3 ấp Ba Hòn",
    "Nghị quyết Trung ương 4 khóa XII",
    "Chương trình hành động Nghị quyết XII của Đảng",
    "thực hiện kế hoạch 5 năm 2016-2020",
    "Kế hoạch 5 năm của huyện",
    "Hướng dẫn 3 bước đăng ký",
    "Quy định 10 điều về nêu gương",
    "Kế hoạch 2017-2018 của Huyện ủy",
    "gắn việc thực hiện Chỉ thị với nhiệm vụ chính trị",
    "ký hiệu CT/TW không có số",
    "Quốc lộ 80, Km 12",
    "tăng 15/20 xã",
    "chỉ thị 05 của Bộ Chính trị",  # lower-case, no "số", no symbol: not a title
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_finds_references_as_written(text, expected):
    assert [(ref.key, ref.text) for ref in find_references(text)] == expected


@pytest.mark.parametrize("text", NOT_FOUND)
def test_numbers_that_are_not_documents_are_left_alone(text):
    assert find_references(text) == []


def test_there_are_forty_spellings_at_least():
    assert len(FOUND) + len(NOT_FOUND) >= 40


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Quy định số 101-QĐ/TW, ngày 07-6-2012", datetime.date(2012, 6, 7)),
        ("Kế hoạch số 49-KH/TU ngày 20/9/2016", datetime.date(2016, 9, 20)),
        ("Quyết định số 12/QĐ-UBND ngày 07 tháng 6 năm 2012", datetime.date(2012, 6, 7)),
        ("Kế hoạch số 74-KH/HU, ban hành ngày 02.11.2017", datetime.date(2017, 11, 2)),
        ("Kế hoạch số 74-KH/HU, ngày 31-02-2017", None),  # no such day: the reference stays
    ],
)
def test_trailing_date(text, date):
    (reference,) = find_references(text)
    assert reference.date == date
    assert reference.key in {"qd-101-tw", "kh-49-tu", "qd-12-ubnd", "kh-74-hu"}


def test_offsets_point_into_the_text():
    text = "Đồng chí nói: thực hiện Chỉ thị số 05-CT/TW, ngày 03-5-2016 và Kế hoạch 74-KH/HU."
    for reference in find_references(text):
        assert text[reference.start : reference.end] == reference.text
    assert [r.text for r in find_references(text)] == ["Chỉ thị số 05-CT/TW", "Kế hoạch 74-KH/HU"]


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("05/CT-TW", "ct-5-tw"),
        ("05-CT/TW", "ct-5-tw"),
        ("Chỉ thị số 05-CT/TW", "ct-5-tw"),
        ("chi thi 05", "ct-5"),
        ("Chỉ thị 05", "ct-5"),
        ("CT05", "ct-5"),
        ("ct 05", "ct-5"),
        ("NQ-04", "nq-4"),
        ("quy dinh 101", "qd-101"),
        ("  Kế hoạch số 74-KH/HU, ngày 02-11-2017 ", "kh-74-hu"),
    ],
)
def test_search_box_spellings(query, key):
    assert parse_query(query).key == key


@pytest.mark.parametrize("query", ["học tập làm theo Bác", "2017", "0913123456", "CT/TW", ""])
def test_search_box_words_are_not_references(query):
    assert parse_query(query) is None


def test_every_spelling_of_one_directive_shares_its_keys():
    full = {parse_query(q).key for q in ("05/CT-TW", "05-CT/TW", "chi thi so 05-CT/TW")}
    partial = {parse_query(q).partial_key for q in ("chi thi 05", "CT05", "05/CT-TW")}
    assert full == {"ct-5-tw"}
    assert partial == {"ct-5"}


@pytest.mark.parametrize(
    ("number", "kind", "key"),
    [
        ("05-CT/TW", "chi thi", "ct-5-tw"),
        ("101-QĐ/TW", "quy dinh", "qd-101-tw"),
        ("123/UBND-VP", "cong van", "cv-123-ubnd-vp"),
        ("05", "chi thi", "ct-5"),
        ("12-TB/HU", None, "tb-12-hu"),
    ],
)
def test_number_fields(number, kind, key):
    assert parse_number(number, kind).key == key


@pytest.mark.parametrize("number", ["", "năm 2017", "05-CT/TW ngày 07-6-2012", "CT/TW"])
def test_number_fields_that_are_not_one_number(number):
    assert parse_number(number, "chi thi") is None
