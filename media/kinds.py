"""What an inventory counts, and the many ways editors spell it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from website.text import match_key


class Kind(models.TextChoices):
    BANNER = "bang_ron", _("banner")
    PARTY_FLAG = "co_dang", _("Party flag")
    NATIONAL_FLAG = "co_to_quoc", _("national flag")
    PENNANT = "co_phuon", _("pennant")
    BILLBOARD = "pano", _("billboard")
    POSTER = "ap_phich", _("poster")
    LED_SCREEN = "man_hinh", _("LED screen")
    OTHER = "khac", _("other")


class ItemStatus(models.TextChoices):
    UP = "dang_treo", _("up")
    REMOVED = "da_thao", _("taken down")
    DAMAGED = "hu_hong", _("damaged, to be replaced")


# The Vietnamese labels and the other spellings found in the office's paper lists, folded.
# Codes ("bang_ron") reach the same keys through match_key.
_KIND_SPELLINGS = {
    Kind.BANNER: ["băng rôn", "băng rol", "băng-rôn", "băng zôn", "banner"],
    Kind.PARTY_FLAG: ["cờ Đảng", "cờ đảng"],
    Kind.NATIONAL_FLAG: ["cờ Tổ quốc", "quốc kỳ", "cờ đỏ sao vàng"],
    Kind.PENNANT: ["cờ phướn", "phướn", "cờ phướng"],
    Kind.BILLBOARD: ["pano", "pa nô", "panô", "pa-nô", "billboard"],
    Kind.POSTER: ["áp phích", "áp-phích", "poster"],
    Kind.LED_SCREEN: ["màn hình LED", "màn hình", "bảng LED", "LED"],
    Kind.OTHER: ["khác"],
}
KIND_ALIASES = {match_key(kind.value): kind for kind in Kind} | {
    match_key(spelling): kind
    for kind, spellings in _KIND_SPELLINGS.items()
    for spelling in spellings
}

_STATUS_SPELLINGS = {
    ItemStatus.UP: ["đang treo", "treo", "còn treo"],
    ItemStatus.REMOVED: ["đã tháo", "tháo", "đã gỡ"],
    ItemStatus.DAMAGED: ["hư hỏng cần thay", "hư hỏng", "hỏng", "cần thay"],
}
STATUS_ALIASES = {match_key(status.value): status for status in ItemStatus} | {
    match_key(spelling): status
    for status, spellings in _STATUS_SPELLINGS.items()
    for spelling in spellings
}


def kind_from_text(text):
    """The Kind an editor meant by `text`, or None."""
    return KIND_ALIASES.get(match_key(text))


def status_from_text(text):
    return STATUS_ALIASES.get(match_key(text))
