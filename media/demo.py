"""The demo's inventories: the seed story's 2017 figures along the Ba Hòn axis, and two
smaller campaigns of 2018. Every item has its removal date: nothing put up in 2017–2018
still hangs today, so "đang treo" for today lists none of them."""

import datetime

from django.utils.translation import gettext as _
from wagtail.rich_text import RichText

from website.demo_images import demo_image
from website.models import Commune
from website.pages import default_home

from .services import ensure_campaign, ensure_index, publish_items

# Inventories go under the home page and name its communes.
LOAD_AFTER = ("website",)

BA_HON = "Trục chính khu Đô thị Ba Hòn"
UNIT = "Phòng Văn hóa và Thông tin huyện Kiên Lương"

# (title, year, occasion, start, end, description, items); an item is
# (kind, quantity, location, commune slug, installed, removed, status, slogan, photo colour)
CAMPAIGNS = [
    (
        "Cổ động trực quan năm 2017 trên trục chính khu Đô thị Ba Hòn",
        2017,
        "Chào mừng các ngày lễ lớn của đất nước và của tỉnh trong năm 2017",
        datetime.date(2017, 1, 15),
        datetime.date(2017, 12, 31),
        "Suốt năm 2017, trục chính khu Đô thị Ba Hòn được trang trí cờ, băng rôn và pano "
        "mỗi dịp lễ lớn; cờ hư hỏng được thay ngay trong tuần.",
        [
            (
                "bang_ron",
                37,
                BA_HON,
                "kien-luong",
                (2017, 1, 15),
                (2017, 12, 31),
                "da_thao",
                "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                (179, 22, 11),
            ),
            (
                "co_dang",
                480,
                BA_HON,
                "kien-luong",
                (2017, 1, 15),
                (2017, 12, 31),
                "da_thao",
                "",
                None,
            ),
            (
                "co_phuon",
                530,
                BA_HON,
                "kien-luong",
                (2017, 1, 15),
                (2017, 12, 31),
                "da_thao",
                "",
                None,
            ),
            (
                "pano",
                21,
                BA_HON,
                "kien-luong",
                (2017, 2, 1),
                (2017, 12, 31),
                "da_thao",
                "Kiên Lương đoàn kết, năng động, phát triển",
                (11, 79, 156),
            ),
        ],
    ),
    (
        "Kỷ niệm 70 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc",
        2018,
        "70 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc (11/6/1948 – 11/6/2018)",
        datetime.date(2018, 6, 1),
        datetime.date(2018, 6, 20),
        "Băng rôn và pano dọc Quốc lộ 80 nhắc lời Bác: “Thi đua là yêu nước, yêu nước thì "
        "phải thi đua”.",
        [
            (
                "bang_ron",
                12,
                "Quốc lộ 80 đoạn qua xã Bình An",
                "binh-an",
                (2018, 6, 1),
                (2018, 6, 20),
                "da_thao",
                "Thi đua là yêu nước, yêu nước thì phải thi đua",
                None,
            ),
            (
                "pano",
                4,
                "Quốc lộ 80 đoạn qua xã Bình An",
                "binh-an",
                (2018, 6, 1),
                (2018, 6, 20),
                "da_thao",
                "",
                None,
            ),
            (
                "man_hinh",
                1,
                "Trung tâm Văn hóa – Thể thao huyện",
                "kien-luong",
                (2018, 6, 1),
                (2018, 6, 30),
                "da_thao",
                "",
                None,
            ),
        ],
    ),
    (
        "Mừng Đảng, mừng Xuân Mậu Tuất 2018 ở xã đảo Hòn Nghệ",
        2018,
        "88 năm Ngày thành lập Đảng Cộng sản Việt Nam và Tết Nguyên đán Mậu Tuất",
        datetime.date(2018, 1, 25),
        datetime.date(2018, 2, 28),
        "Xã đảo Hòn Nghệ treo cờ Tổ quốc, cờ Đảng dọc đường ven biển và ở bến tàu.",
        [
            (
                "co_to_quoc",
                60,
                "Đường ven biển Hòn Nghệ",
                "hon-nghe",
                (2018, 1, 25),
                (2018, 2, 28),
                "da_thao",
                "",
                None,
            ),
            (
                "co_dang",
                40,
                "Đường ven biển Hòn Nghệ",
                "hon-nghe",
                (2018, 1, 25),
                (2018, 2, 28),
                "da_thao",
                "",
                None,
            ),
            (
                "bang_ron",
                3,
                "Bến tàu Hòn Nghệ",
                "hon-nghe",
                (2018, 1, 25),
                (2018, 2, 28),
                "da_thao",
                "Mừng Đảng, mừng Xuân",
                None,
            ),
        ],
    ),
]


def as_date(parts):
    return datetime.date(*parts) if parts else None


def unchanged(page, fields, upserts):
    """Whether the campaign already reads as the demo has it: then a re-run adds no revision."""
    if page.has_unpublished_changes or not page.live:
        return False
    if any(getattr(page, name) != value for name, value in fields.items()):
        return False
    items = {item.import_id: item for item in page.items.all()}
    return all(
        data["import_id"] in items
        and all(getattr(items[data["import_id"]], name) == value for name, value in data.items())
        for data in upserts
    )


def load(stdout):
    index = ensure_index(default_home())
    communes = {commune.slug: commune for commune in Commune.objects.all()}
    for number, (title, year, occasion, start, end, description, items) in enumerate(
        CAMPAIGNS, start=1
    ):
        page = ensure_campaign(index, title, year)
        page = page.get_latest_revision_as_object()
        fields = {
            "occasion": occasion,
            "start_date": start,
            "end_date": end,
            "responsible_unit": UNIT,
        }
        upserts = []
        for row, (
            kind,
            quantity,
            location,
            commune,
            installed,
            removed,
            status,
            slogan,
            colour,
        ) in enumerate(items, start=1):
            upserts.append(
                {
                    "import_id": f"demo-{number}-{row}",
                    "kind": kind,
                    "quantity": quantity,
                    "location": location,
                    "commune": communes.get(commune),
                    "installed_on": as_date(installed),
                    "removed_on": as_date(removed),
                    "status": status,
                    "slogan": slogan,
                    "photo": demo_image(f"{title[:40]} {row}", colour) if colour else None,
                }
            )
        if unchanged(page, fields, upserts):
            continue
        for name, value in fields.items():
            setattr(page, name, value)
        page.body = [("paragraph", RichText(f"<p>{description}</p>"))]
        page.save_revision()
        publish_items(page.pk, upserts=upserts)
    stdout.write(
        _("Inventories: %(count)d campaigns of visual propaganda, with their removal dates.")
        % {"count": len(CAMPAIGNS)}
    )
