"""The demo's site tree: the home page, the office details and the link list."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from .models import Commune, CommuneKind, HomePage, OfficeSettings, WebsiteLink
from .pages import ensure_child
from .sites import public_address

HOME_TITLE = "Trang chủ"
LINKS = [
    ("Cổng thông tin điện tử tỉnh Kiên Giang", "https://kiengiang.gov.vn/"),
    ("Báo Kiên Giang", "https://baokiengiang.vn/"),
    ("Báo điện tử Đảng Cộng sản Việt Nam", "https://dangcongsan.vn/"),
    ("Tạp chí Tuyên giáo", "https://tuyengiao.vn/"),
]
# Kiên Lương's commune-level units in 2017–2018.
COMMUNES = [
    ("Kiên Lương", CommuneKind.TOWNSHIP, "kien-luong"),
    ("Bình An", CommuneKind.COMMUNE, "binh-an"),
    ("Bình Trị", CommuneKind.COMMUNE, "binh-tri"),
    ("Dương Hòa", CommuneKind.COMMUNE, "duong-hoa"),
    ("Hòa Điền", CommuneKind.COMMUNE, "hoa-dien"),
    ("Hòn Nghệ", CommuneKind.COMMUNE, "hon-nghe"),
    ("Kiên Bình", CommuneKind.COMMUNE, "kien-binh"),
    ("Sơn Hải", CommuneKind.COMMUNE, "son-hai"),
]
DEMO_ADMIN = ("admin", "kienluong-demo")


def load(stdout):
    home = HomePage.objects.first() or ensure_child(
        Page.get_first_root_node(),
        HomePage,
        title=HOME_TITLE,
        slug="trang-chu",
        introduction="Trang thông tin điện tử của Ban Tuyên giáo Huyện ủy Kiên Lương.",
    )
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port = public_address()
    site.root_page = home
    site.site_name = "Kiên Lương"
    site.save()
    # Wagtail's own placeholder page has no place in the demo.
    Page.objects.filter(depth=2, content_type__model="page").exclude(pk=home.pk).delete()

    office = OfficeSettings.for_site(site)
    office.address = "Khu phố Ba Hòn, thị trấn Kiên Lương, huyện Kiên Lương, tỉnh Kiên Giang"
    office.phone = "0297 3853 000"
    office.email = "bantuyengiao@kienluong.example.vn"
    office.responsible_person = "Trưởng Ban Tuyên giáo Huyện ủy"
    office.save()

    for order, (title, url) in enumerate(LINKS):
        WebsiteLink.objects.update_or_create(
            title=title, defaults={"url": url, "sort_order": order}
        )

    for order, (name, kind, slug) in enumerate(COMMUNES):
        Commune.objects.update_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "sort_order": order}
        )

    if settings.DEBUG and os.environ.get("DJANGO_SETTINGS_MODULE", "").endswith(".dev"):
        username, password = DEMO_ADMIN
        User = get_user_model()
        if not User.objects.filter(username=username).exists():
            User.objects.create_superuser(username, "admin@example.vn", password)
        stdout.write(
            _("Admin: %(url)s/admin/ user “%(username)s”, password “%(password)s”")
            % {"url": settings.SITE_URL, "username": username, "password": password}
        )
