"""Creating and updating stories outside the admin (the demo and the legacy import)."""

from functools import cache

import nh3
from django.utils import timezone
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.models import PageLogEntry, Revision
from wagtail.rich_text import RichText
from wagtail.signals import page_published

from website.pages import unique_slug

from .models import ArticlePage, SectionPage

# What an imported body may keep: the paragraph features of our story body, plus headings.
IMPORT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


@cache
def _converter():
    return EditorHTMLConverter(features=IMPORT_FEATURES)


# Elements dropped together with their content (Wagtail's whitelister would keep the text).
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "noscript", "template"}


def clean_html(html):
    """HTML reduced to what Wagtail rich text allows: no scripts, event handlers or iframes."""
    html = nh3.clean(
        html or "",
        tags=nh3.ALLOWED_TAGS - DROP_WITH_CONTENT,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes={"a": {"href"}},
        link_rel=None,
    )
    return _converter().to_database_format(html)


def ensure_section(home, title):
    section = SectionPage.objects.child_of(home).filter(title=title).first()
    if section is None:
        section = home.add_child(
            instance=SectionPage(title=title, slug=unique_slug(home, title), show_in_menus=True)
        )
        section.save_revision().publish()
    return section


STORY_FIELDS = (
    "title",
    "lead",
    "byline",
    "contributing_unit",
    "published_at",
    "hero_image",
    "hero_caption",
    "for_radio",
    "for_province",
)


def upsert_story(section, legacy_id, *, body_html, tags=(), **fields):
    """Create or update the story known as `legacy_id` in `section`, and publish it.

    Returns (story, created).
    """
    story = ArticlePage.objects.filter(legacy_id=legacy_id).first()
    created = story is None
    if created:
        story = ArticlePage(legacy_id=legacy_id)
    else:
        if story.get_parent().pk != section.pk:
            story.slug = unique_slug(section, story.slug)
            story.save(update_fields=["slug"], clean=False)
            story.move(section, pos="last-child")
        story = ArticlePage.objects.get(pk=story.pk).get_latest_revision_as_object()
    for name in STORY_FIELDS:
        if name in fields:
            setattr(story, name, fields[name])
    story.body = [("paragraph", RichText(clean_html(body_html)))] if body_html else []
    story.tags.set(list(tags))
    if created:
        story.slug = unique_slug(section, story.title)
        publish_new(section, story)
    else:
        story.save_revision().publish()
    return story, created


def publish_new(parent, page):
    """Add `page` under `parent` already published, with its first revision and log entry.

    The same outcome as `add_child` + `save_revision().publish()` for a page that has no
    history, workflow or aliases yet, in one page write instead of three: the legacy import
    creates thousands of stories this way.
    """
    now = timezone.now()
    page.live, page.has_unpublished_changes = True, False
    page.first_published_at = page.last_published_at = now
    page.draft_title = page.title
    parent.add_child(instance=page)
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        content=page.serializable_data(),
        object_str=str(page),
    )
    page.latest_revision = page.live_revision = revision
    page.latest_revision_created_at = revision.created_at
    type(page).objects.filter(pk=page.pk).update(
        latest_revision=revision, live_revision=revision, latest_revision_created_at=now
    )
    PageLogEntry.objects.log_action(page, "wagtail.create", revision=revision, content_changed=True)
    PageLogEntry.objects.log_action(page, "wagtail.publish", revision=revision)
    page_published.send(sender=type(page), instance=page, revision=revision)
