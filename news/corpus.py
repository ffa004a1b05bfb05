"""A large corpus of generated, published stories written in bulk, for benchmarks.

Publishing 100,000 stories through Wagtail takes hours; the rows a reader's page reads (the
page tree, the story, its tags, image and view count) are written here directly, in the shape
Wagtail itself writes them: tree paths after the section's last child, url paths, one locale,
the section each story belongs to. There are no revisions or search documents: reader pages
read neither.
"""

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.rich_text import RichText

from .models import ArticlePage, ArticlePageTag, ArticleViewCount, SectionPage, SectionStoryCount

UNITS = ["Huyện ủy", "Ban Tuyên giáo", "Hội Nông dân", "Đoàn Thanh niên", "Hội Phụ nữ", "UBND"]
COMMUNES = ["Bình An", "Bình Trị", "Dương Hòa", "Hòa Điền", "Hòn Nghệ", "Kiên Bình", "Sơn Hải"]
ACTIONS = ["ra mắt mô hình", "tổng kết", "học tập và làm theo Bác", "trao tặng", "tuyên truyền"]
MODELS = ["Hũ gạo tình thương", "Dân vận khéo", "Xóm đạo bình yên", "Thắp sáng đường quê"]
TOPICS = ["Xây dựng Đảng", "Thuế", "Nông thôn mới", "Cổ động trực quan", "An ninh biển"]
BATCH = 2000
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def grow(total, seed=2017, stdout=None):
    """Add generated stories until the site has `total` stories; returns how many were added."""
    rng = random.Random(seed + ArticlePage.objects.count())
    missing = total - ArticlePage.objects.count()
    sections = list(SectionPage.objects.order_by("path"))
    if missing <= 0 or not sections:
        return 0
    images = list(get_image_model().objects.values_list("pk", flat=True))
    tags = _tags()
    content_type = ContentType.objects.get_for_model(ArticlePage)
    start = datetime(2019, 1, 1, tzinfo=ZONE)
    done = 0
    while done < missing:
        size = min(BATCH, missing - done)
        with transaction.atomic():
            stories = []
            for section, count in _split(sections, size, rng).items():
                stories += _stories(section, count, content_type, images, rng, start)
            _insert(stories)
            _attach(stories, tags, rng)
        done += size
        if stdout:
            stdout.write(f"  {done:,}/{missing:,} stories\n")
    SectionStoryCount.recount()  # written without the signals that keep it
    return done


def _tags():
    names = [f"{topic} {commune}" for topic in TOPICS for commune in COMMUNES] + MODELS
    Tag.objects.bulk_create(
        [Tag(name=name, slug=f"bench-{n}") for n, name in enumerate(names)], ignore_conflicts=True
    )
    return list(Tag.objects.filter(name__in=names).values_list("pk", flat=True))


def _split(sections, size, rng):
    counts = dict.fromkeys(sections, 0)
    for _ in range(size):
        counts[rng.choice(sections)] += 1
    return {section: count for section, count in counts.items() if count}


def title_parts(rng):
    """(unit, commune, action, model) of a title in the office's usual shape."""
    return rng.choice(UNITS), rng.choice(COMMUNES), rng.choice(ACTIONS), rng.choice(MODELS)


def story_title(parts, n):
    unit, commune, action, model = parts
    return f"{unit} {commune} {action} “{model}” ({n})"


def story_paragraphs(title, rng):
    return [
        f"{title}: cán bộ, đảng viên và nhân dân {rng.choice(COMMUNES)} hưởng ứng "
        f"phong trào, treo {rng.randrange(5, 500)} cờ Đảng và băng rôn."
        for _ in range(8)
    ]


def _stories(section, count, content_type, images, rng, start):
    last = (
        Page.objects.filter(path__startswith=section.path, depth=section.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    position = Page._str2int(last[-Page.steplen :]) if last else 0
    Page.objects.filter(pk=section.pk).update(numchild=F("numchild") + count)
    stories = []
    for n in range(position + 1, position + count + 1):
        title = story_title(title_parts(rng), n)
        slug = f"tin-{section.pk}-{n}"
        published = start - timedelta(minutes=rng.randrange(60 * 24 * 365 * 8))
        paragraphs = "".join(f"<p>{text}</p>" for text in story_paragraphs(title, rng))
        stories.append(
            ArticlePage(
                title=title,
                draft_title=title,
                slug=slug,
                path=ArticlePage._get_path(section.path, section.depth + 1, n),
                depth=section.depth + 1,
                numchild=0,
                url_path=f"{section.url_path}{slug}/",
                content_type=content_type,
                locale_id=section.locale_id,
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                lead=f"{title}. Tin từ {rng.choice(COMMUNES)}.",
                body=[("paragraph", RichText(paragraphs))],
                byline="Phóng viên",
                published_at=published,
                hero_image_id=rng.choice(images) if images and rng.random() < 0.7 else None,
                for_radio=rng.random() < 0.3,
                for_province=rng.random() < 0.3,
                section_id=section.pk,
            )
        )
    return stories


def _insert(stories):
    """The page rows through the ORM, the story rows (which bulk_create refuses for a
    multi-table model) with one executemany."""
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    pages = Page.objects.bulk_create(
        [Page(**{f.attname: getattr(story, f.attname) for f in page_fields}) for story in stories]
    )
    for story, page in zip(stories, pages, strict=True):
        story.pk = story.page_ptr_id = page.pk
    fields = ArticlePage._meta.local_concrete_fields
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(ArticlePage._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    rows = [
        [f.get_db_prep_save(getattr(story, f.attname), connection) for f in fields]
        for story in stories
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _attach(stories, tags, rng):
    ArticlePageTag.objects.bulk_create(
        [
            ArticlePageTag(tag_id=tag_id, content_object_id=story.pk)
            for story in stories
            for tag_id in rng.sample(tags, 3)
        ]
    )
    ArticleViewCount.objects.bulk_create(
        [
            ArticleViewCount(page_id=story.pk, views=rng.randrange(1, 5000))
            for story in stories
            if rng.random() < 0.5
        ]
    )
