"""The demo's document library: the seven documents the seed story cites, with what the story
says of them (issuer, date, subject) and nothing more, each with a placeholder PDF made on the
spot and marked as one: the office's real files are not part of the demo."""

import datetime
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from website.pages import default_home, ensure_child
from website.text import match_key

from .choices import DocumentKind
from .files import text_pdf
from .models import DocumentIndexPage, DocumentPage
from .references import parse_number
from .services import upsert_document

# The library goes under the home page; the stories citing the documents are the news demo's
# (their citations are pointed at the documents as these are published).
LOAD_AFTER = ("website", "news")

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# Added to the library with the seed story, not the day the demo was loaded.
PUBLISHED = datetime.datetime(2018, 1, 15, 8, 0, tzinfo=VN)

# (kind, number, title, issuer, level, date issued, subject as the seed story gives it)
DOCUMENTS = [
    (
        "chi_thi",
        "05-CT/TW",
        "Chỉ thị số 05-CT/TW",
        "Bộ Chính trị khóa XII",
        "trung_uong",
        None,
        "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh. Kết quả "
        "học tập Chỉ thị là một trong những tiêu chí đánh giá, phân loại cán bộ, đảng viên, công "
        "chức, viên chức hằng năm ở Kiên Lương.",
    ),
    (
        "nghi_quyet",
        "04-NQ/TW",
        "Nghị quyết số 04-NQ/TW",
        "Ban Chấp hành Trung ương Đảng khóa XII",
        "trung_uong",
        None,
        "Về xây dựng, chỉnh đốn Đảng.",
    ),
    (
        "quy_dinh",
        "101-QĐ/TW",
        "Quy định số 101-QĐ/TW",
        "Ban Bí thư",
        "trung_uong",
        datetime.date(2012, 6, 7),
        "Về trách nhiệm nêu gương của cán bộ, đảng viên, nhất là cán bộ lãnh đạo chủ chốt các cấp.",
    ),
    (
        "quy_dinh",
        "55-QĐ/TW",
        "Quy định số 55-QĐ/TW",
        "Bộ Chính trị",
        "trung_uong",
        datetime.date(2016, 12, 19),
        "Về một số việc cần làm ngay để tăng cường vai trò nêu gương của cán bộ, đảng viên.",
    ),
    ("ke_hoach", "03-KH/TW", "Kế hoạch số 03-KH/TW", "Ban Bí thư", "trung_uong", None, ""),
    (
        "ke_hoach",
        "49-KH/TU",
        "Kế hoạch số 49-KH/TU",
        "Ban Thường vụ Tỉnh ủy Kiên Giang",
        "tinh_uy",
        datetime.date(2016, 9, 20),
        "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    ),
    (
        "ke_hoach",
        "74-KH/HU",
        "Kế hoạch số 74-KH/HU",
        "Ban Thường vụ Huyện ủy Kiên Lương",
        "huyen_uy",
        datetime.date(2017, 11, 2),
        "Thực hiện Chủ đề 2017–2018 về “Phát huy vai trò của người đứng đầu cấp ủy, chính "
        "quyền, Mặt trận – các đoàn thể trong lãnh đạo thực hiện nhiệm vụ chính trị”.",
    ),
]

PLACEHOLDER = "bản giả lập, không phải văn bản gốc"


def library(home):
    return ensure_child(
        home,
        DocumentIndexPage,
        title="Văn bản",
        slug="van-ban",
        show_in_menus=True,
        introduction="Chỉ thị, nghị quyết, quy định, kế hoạch của Trung ương, Tỉnh ủy và Huyện ủy "
        "được trích dẫn trong các tin bài.",
    )


def placeholder(title, number, issuer, summary):
    """The placeholder PDF of a document, made the first time; its title says what it is."""
    Document = get_document_model()
    name = f"{title} ({PLACEHOLDER})"
    existing = Document.objects.filter(title=name).first()
    if existing is not None:
        return existing
    content = text_pdf(
        [
            "BAN GIA LAP - KHONG PHAI VAN BAN GOC (placeholder, not the original document)",
            "",
            title,
            issuer,
            summary,
            "",
            "Tep nay do noi dung trinh dien (load_demo) tao ra; van ban goc do co quan ban hanh.",
        ]
    )
    document = Document(title=name)
    slug = match_key(number).replace(" ", "-")
    document.file.save(f"{slug}-ban-gia-lap.pdf", ContentFile(content), save=False)
    document.save()
    return document


def load(stdout):
    index = library(default_home())
    added, keys = 0, []
    for kind, number, title, issuer, level, issued, summary in DOCUMENTS:
        key = parse_number(number, DocumentKind(kind).word).key
        keys.append(key)
        if DocumentPage.objects.filter(key=key).exists():
            continue
        upsert_document(
            index,
            key,
            attachments=[placeholder(title, number, issuer, summary)],
            title=title,
            kind=kind,
            number=number,
            issuer=issuer,
            level=level,
            date_issued=issued,
            summary=summary,
        )
        added += 1
    DocumentPage.objects.filter(key__in=keys).exclude(
        first_published_at=PUBLISHED, last_published_at=PUBLISHED
    ).update(first_published_at=PUBLISHED, last_published_at=PUBLISHED)
    stdout.write(
        _("Document library: %(count)d documents cited by the seed story (%(added)d added now).")
        % {"count": len(DOCUMENTS), "added": added}
    )
