"""Kinds and statuses are recognised however editors spell them."""

import pytest

from media.kinds import ItemStatus, Kind, kind_from_text, status_from_text


@pytest.mark.parametrize(
    "text,kind",
    [
        ("bang_ron", Kind.BANNER),
        ("băng rôn", Kind.BANNER),
        ("Băng rôn", Kind.BANNER),
        ("bang ron", Kind.BANNER),
        ("băng rol", Kind.BANNER),
        ("  BĂNG-RÔN ", Kind.BANNER),
        ("Cờ Đảng", Kind.PARTY_FLAG),
        ("co dang", Kind.PARTY_FLAG),
        ("co_dang", Kind.PARTY_FLAG),
        ("cờ Tổ quốc", Kind.NATIONAL_FLAG),
        ("cờ phướn", Kind.PENNANT),
        ("Pano", Kind.BILLBOARD),
        ("pa nô", Kind.BILLBOARD),
        ("áp phích", Kind.POSTER),
        ("màn hình LED", Kind.LED_SCREEN),
        ("man_hinh", Kind.LED_SCREEN),
        ("khác", Kind.OTHER),
        # Decomposed Unicode, as some keyboards type it.
        ("ba\u0306ng ro\u0302\u0300n", Kind.BANNER),
    ],
)
def test_kind_spellings(text, kind):
    assert kind_from_text(text) == kind


@pytest.mark.parametrize("text", ["", "cờ", "banh ron", "123", None])
def test_unknown_kinds_are_not_guessed(text):
    assert kind_from_text(text) is None


@pytest.mark.parametrize(
    "text,status",
    [
        ("đang treo", ItemStatus.UP),
        ("dang_treo", ItemStatus.UP),
        ("Đã tháo", ItemStatus.REMOVED),
        ("hư hỏng cần thay", ItemStatus.DAMAGED),
        ("hu hong", ItemStatus.DAMAGED),
    ],
)
def test_status_spellings(text, status):
    assert status_from_text(text) == status


def test_kinds_read_in_vietnamese():
    assert [str(kind.label) for kind in Kind] == [
        "băng rôn",
        "cờ Đảng",
        "cờ Tổ quốc",
        "cờ phướn",
        "pano",
        "áp phích",
        "màn hình LED",
        "khác",
    ]
