"""Creating and updating stories outside the admin (the demo and the legacy import)."""

from collections import Counter
from dataclasses import dataclass
from functools import cache

import nh3
from django.contrib.contenttypes.models import ContentType
from django.db import router, transaction
from django.db.models import F, Value
from django.db.models.signals import post_save, pre_save
from django.utils import timezone
from treebeard.exceptions import PathOverflow
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.log_actions import get_active_log_context
from wagtail.models import (
    COMMENTS_RELATION_NAME,
    Comment,
    Page,
    PageLogEntry,
    Revision,
    WorkflowState,
)
from wagtail.rich_text import RichText
from wagtail.signals import page_published, post_page_move, pre_page_move, published
from wagtail.whitelist import ALLOWED_URL_SCHEMES

from website.importing import update_in_bulk
from website.pages import ensure_child, free_slug

from .models import ArticlePage, ArticlePageTag, SectionPage

# What an imported body may keep: the paragraph features of our story body, plus headings.
IMPORT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


# Elements dropped together with their content (Wagtail's whitelister would keep the text).
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "noscript", "template"}


@cache
def _allowed_elements():
    """The elements Wagtail's rich text keeps for IMPORT_FEATURES: its whitelister's rules."""
    rules = EditorHTMLConverter(features=IMPORT_FEATURES).whitelister.element_rules
    return frozenset(rules) - {"[document]"}


def clean_html(html):
    """HTML reduced to what Wagtail rich text allows: no scripts, event handlers or iframes.

    One nh3 pass with the rules of Wagtail's whitelister (its elements; `href` alone, on links,
    with its URL schemes; no comments) leaves what that whitelister would, which parsed every
    body again with BeautifulSoup: 3.5 ms a story of an import. Except that it renames `div` to
    `p`: done here on nh3's output, where a `div` can only be written `<div>`.
    """
    html = nh3.clean(
        html or "",
        tags=_allowed_elements(),
        clean_content_tags=DROP_WITH_CONTENT,
        attributes={"a": {"href"}, "*": set()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=None,
    )
    return html.replace("<div>", "<p>").replace("</div>", "</p>")


def ensure_section(home, title):
    return ensure_child(home, SectionPage, match={"title": title}, show_in_menus=True)


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
    "radio_audio",
)
# What publishing changes on the page row (wagtailcore_page) and on the story row.
PUBLISHED_PAGE_FIELDS = (
    "title",
    "draft_title",
    "live",
    "has_unpublished_changes",
    "expired",
    "first_published_at",
    "last_published_at",
    "latest_revision",
    "live_revision",
    "latest_revision_created_at",
)
PUBLISHED_STORY_FIELDS = tuple(name for name in STORY_FIELDS if name != "title") + (
    "body",
    "section",
)


def upsert_story(section, legacy_id, *, body_html, tags=(), **fields):
    """Create or update the story known as `legacy_id` in `section`, and publish it.

    Returns (story, created).
    """
    fields.update(body_html=body_html, tags=tags)
    return StoryPublisher().publish([(section, legacy_id, fields)])[0]


def _log_place(page):
    """A page as Wagtail's move log entry names its source and destination."""
    return {"id": page.id, "title": page.specific_deferred.get_admin_display_title()}


@dataclass
class _Children:
    """What a section's children take: the last tree position and the slugs."""

    last: int
    slugs: set


class StoryPublisher:
    """Creates or updates stories by their legacy id and publishes them, a batch at a time.

    Every story ends as `add_child` (or `move`) + `save_revision().publish()` would leave it:
    live in its section, with a revision, its log entries ("create"/"rename", "publish") and
    `page_published` sent. But a story costs only its own page rows: tree positions and slugs
    are read once per section and kept here, and tags, revisions, log entries and child counts
    are written once per batch. A story an editor is busy with (a draft, a schedule, a
    workflow, comments, aliases) goes through Wagtail's own `save_revision().publish()`.

    New stories are written in bulk, as `Page.save()` would write them one by one (`_insert`),
    and so are updated ones (`_update`) and moved ones (`_move_all`).
    Use one publisher per transaction: it locks the sections it adds to, as `add_child` does.
    """

    def __init__(self):
        self._children = {}

    @transaction.atomic
    def publish(self, items):
        """Publish `items`, a list of (section, legacy_id, fields); returns [(story, created)]."""
        now = timezone.now()
        existing = ArticlePage.objects.in_bulk(
            [legacy_id for _section, legacy_id, _fields in items], field_name="legacy_id"
        )
        busy = self._busy(existing.values())
        tags = self._tags({name for *_rest, fields in items for name in fields.get("tags", ())})
        # Moves first: they read the tree, which the child counts below must not be behind.
        moves = [
            (story, section)
            for section, legacy_id, _fields in items
            if (story := existing.get(legacy_id)) is not None
            and story.path[: -Page.steplen] != section.path
        ]
        moved = self._move_all(moves, busy)
        results, new, changed, renamed = [], [], [], {}
        added = Counter()
        for section, legacy_id, fields in items:
            story = existing.get(legacy_id)
            if story is None:
                story = self._new(section, legacy_id, fields, now)
                new.append(story)
                added[section] += 1
            elif story.pk in busy:
                story = story.get_latest_revision_as_object()
                self._fill(story, fields)
                story.tags.set([tags[name] for name in fields.get("tags", ())])
                story.save_revision().publish()
            else:
                old_title = story.title
                self._fill(story, fields)
                story.live, story.has_unpublished_changes, story.expired = True, False, False
                story.first_published_at = story.first_published_at or now
                story.last_published_at = story.latest_revision_created_at = now
                if story.title != old_title:
                    renamed[story.pk] = {"title": {"old": old_title, "new": story.title}}
                changed.append(story)
            results.append((story, legacy_id not in existing))
        self._insert(new)
        for section, count in added.items():
            section.numchild += count
            Page.objects.filter(pk=section.pk).update(numchild=F("numchild") + count)
        fresh = new + changed
        for story in fresh:
            # None has comments (see _busy): the revision needs no query to find that out.
            setattr(story, COMMENTS_RELATION_NAME, [])
        self._write_tags(fresh, changed, tags, {legacy_id: f for _s, legacy_id, f in items})
        self._write_revisions(fresh, now)
        update_in_bulk(Page, new, ["latest_revision", "live_revision"])
        self._update(changed)
        self._write_log(new, changed, renamed, now, moved)
        for story in fresh:
            page_published.send(sender=ArticlePage, instance=story, revision=story.live_revision)
            published.send(sender=ArticlePage, instance=story, revision=story.live_revision)
        return results

    @staticmethod
    def _fill(story, fields):
        for name in STORY_FIELDS:
            if name in fields:
                setattr(story, name, fields[name])
        body_html = fields.get("body_html")
        story.body = [("paragraph", RichText(clean_html(body_html)))] if body_html else []
        story.draft_title = story.title

    def _new(self, section, legacy_id, fields, now):
        """A new story in `section`, as `add_child` would have it before saving it."""
        story = ArticlePage(
            legacy_id=legacy_id,
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            latest_revision_created_at=now,
            locale_id=section.locale_id,
        )
        self._fill(story, fields)
        story.slug = self._take_slug(section, story.title)
        story.depth, story.path, story.numchild = section.depth + 1, self._next_path(section), 0
        story._cached_parent_obj = section  # as add_child leaves it
        return story

    @staticmethod
    def _insert(stories):
        """Save new stories as `Page.save()` (validated by the caller, logged in bulk) would,
        all in one insert into each of the two tables instead of two inserts and a savepoint
        each (3.5 ms a story): the fields `save()` derives (the address, and what
        `ArticlePage.save` takes from the section and the date), `pre_save` and `post_save`.
        Not done, as no new story needs it: `save()` asking whether the page roots a site
        (a fresh translation key cannot) and committing inline children (none yet)."""
        if not stories:
            return
        using = router.db_for_write(ArticlePage)
        for story in stories:
            story._prepare_related_fields_for_save(operation_name="save")
            section = story._cached_parent_obj
            story.set_url_path(section)
            story.section_id = section.pk
            if story.published_at is None:
                story.published_at = story.first_published_at
            pre_save.send(ArticlePage, instance=story, raw=False, using=using, update_fields=None)
        pages = Page._base_manager.using(using)
        fields = [field for field in Page._meta.local_concrete_fields if not field.primary_key]
        for story, (pk,) in zip(stories, pages._batched_insert(stories, fields, None), strict=True):
            story.id = story.page_ptr_id = pk
        ArticlePage._base_manager.using(using)._batched_insert(
            stories, ArticlePage._meta.local_concrete_fields, None
        )
        for story in stories:
            story._state.adding, story._state.db = False, using
            post_save.send(
                ArticlePage,
                instance=story,
                created=True,
                update_fields=None,
                raw=False,
                using=using,
            )

    @staticmethod
    def _update(stories):
        """Save published stories as `Page.save()` would, in one UPDATE of each table:
        `pre_save` and `post_save` sent for each (the import's indexes follow the latter)."""
        if not stories:
            return
        using = router.db_for_write(ArticlePage)
        for story in stories:
            pre_save.send(ArticlePage, instance=story, raw=False, using=using, update_fields=None)
        update_in_bulk(Page, stories, PUBLISHED_PAGE_FIELDS)
        update_in_bulk(ArticlePage, stories, PUBLISHED_STORY_FIELDS)
        for story in stories:
            post_save.send(
                ArticlePage,
                instance=story,
                created=False,
                update_fields=None,
                raw=False,
                using=using,
            )

    def _children_of(self, section):
        if section.path not in self._children:
            # Nobody adds a page beside ours until the import is committed (as add_child).
            Page.objects.select_for_update().filter(pk=section.pk).exists()
            children = section.get_children()
            last = children.order_by("-path").values_list("path", flat=True).first()
            self._children[section.path] = _Children(
                last=Page._str2int(last[-Page.steplen :]) if last else 0,
                slugs=set(children.values_list("slug", flat=True)),
            )
        return self._children[section.path]

    def _next_path(self, section):
        children = self._children_of(section)
        children.last += 1
        path = Page._get_path(section.path, section.depth + 1, children.last)
        if len(path) != len(section.path) + Page.steplen:
            raise PathOverflow(f"Section {section.pk} has no room for another child")
        return path

    def _take_slug(self, section, text):
        # Without a query: the section's slugs are known here.
        return free_slug(text, self._children_of(section).slugs)

    def _move_all(self, moves, busy):
        """Move each (story, section) of `moves` to the end of its section, as Wagtail's
        `move(section, "last-child")` would, but in bulk: positions from the section's
        children kept here (it is locked), one UPDATE of the moved rows, child counts written
        once a section, Wagtail's move signals sent for each (redirects, section, search).
        Returns (story, title, data) of the "move" log entries to write. A story an
        editor is busy with, one with pages below it or whose slug its new section already
        has goes through Wagtail's own `move` (`_move`), before the others are positioned."""
        bulk = []
        for story, section in moves:
            slugs = self._children_of(section).slugs
            if story.pk in busy or story.numchild or story.slug in slugs:
                self._move(story, section)
            else:
                slugs.add(story.slug)
                bulk.append((story, section))
        if not bulk:
            return []
        parent_paths = {story.path[: -Page.steplen] for story, _section in bulk}
        sources = {
            page.path: page for page in Page.objects.filter(path__in=parent_paths).specific()
        }
        moved, children = [], Counter()
        for story, section in bulk:
            source = sources[story.path[: -Page.steplen]]
            if old := self._children.get(source.path):
                old.slugs.discard(story.slug)
            # What Wagtail's move signals say of the move, before and after it.
            move = {
                "sender": ArticlePage,
                "instance": story,
                "parent_page_before": source,
                "parent_page_after": section,
                "url_path_before": story.url_path,
            }
            pre_page_move.send(**move, url_path_after=section.url_path + story.slug + "/")
            story.path, story.depth = self._next_path(section), section.depth + 1
            story.set_url_path(section)
            story.section_id = section.pk
            story._cached_parent_obj = section
            children[source.pk] -= 1
            children[section.pk] += 1
            moved.append((story, source, section, move))
        update_in_bulk(Page, [story for story, *_rest in moved], ["path", "depth", "url_path"])
        for pk, count in children.items():
            if count:
                Page.objects.filter(pk=pk).update(numchild=F("numchild") + count)
        for story, _source, section, move in moved:
            section.numchild += 1
            post_page_move.send(**move, url_path_after=story.url_path)
        return [
            (
                story,
                story.get_admin_display_title(),
                {"source": _log_place(source), "destination": _log_place(section)},
            )
            for story, source, section, _move in moved
        ]

    def _move(self, story, section):
        if old := self._children.get(story.path[: -Page.steplen]):
            old.slugs.discard(story.slug)
        slug = self._take_slug(section, story.slug)
        if slug != story.slug:
            story.slug = slug
            story.save(update_fields=["slug"], clean=False)
        section.refresh_from_db(fields=["numchild"])  # treebeard decides by it where to add
        story.move(section, pos="last-child")
        story.refresh_from_db()
        self._children_of(section).last = story._get_lastpos_in_path()

    @staticmethod
    def _busy(stories):
        """The pks of the stories an editor is working on."""
        busy = {s.pk for s in stories if s.has_unpublished_changes or s.go_live_at or s.alias_of_id}
        pks = [s.pk for s in stories]
        if pks:
            content_type = ContentType.objects.get_for_model(Page)
            in_workflow = WorkflowState.objects.active().filter(
                base_content_type=content_type, object_id__in=[str(pk) for pk in pks]
            )
            busy |= {int(pk) for pk in in_workflow.values_list("object_id", flat=True)}
            busy |= set(Comment.objects.filter(page__in=pks).values_list("page_id", flat=True))
            busy |= set(Page.objects.filter(alias_of__in=pks).values_list("alias_of_id", flat=True))
        return busy

    @staticmethod
    def _tags(names):
        """The tags of these names, created if new."""
        Tag = ArticlePageTag.tag_model()
        tags = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
        for name in sorted(names - tags.keys()):
            tags[name] = Tag.objects.create(name=name)
        return tags

    @staticmethod
    def _write_tags(stories, changed, tags, fields_by_id):
        ArticlePageTag.objects.filter(content_object__in=changed).delete()
        items = {
            story.pk: [
                ArticlePageTag(content_object=story, tag=tags[name])
                for name in dict.fromkeys(fields_by_id[story.legacy_id].get("tags", ()))
            ]
            for story in stories
        }
        ArticlePageTag.objects.bulk_create([item for group in items.values() for item in group])
        for story in stories:
            story.tagged_items = items[story.pk]  # as saved, for the revision below

    @staticmethod
    def _write_revisions(stories, now):
        base_content_type = ContentType.objects.get_for_model(Page)
        revisions = Revision.objects.bulk_create(
            Revision(
                content_object=story,
                base_content_type=base_content_type,
                content=story.serializable_data(),
                object_str=str(story),
                # An expression makes Django write rows of VALUES, not one array a column
                # (UNNEST), whose JSON psycopg escapes quote by quote in Python: 2.5 ms a
                # revision, against 0.07 ms as a value of its own.
                created_at=Value(now),
            )
            for story in stories
        )
        for story, revision in zip(stories, revisions, strict=True):
            revision.created_at = now
            story.latest_revision = story.live_revision = revision
        Revision.objects.filter(
            base_content_type=base_content_type,
            object_id__in=[str(story.pk) for story in stories],
            approved_go_live_at__isnull=False,
        ).update(approved_go_live_at=None)

    @staticmethod
    def _write_log(new, changed, renamed, now, moved=()):
        context = get_active_log_context()
        content_type = ContentType.objects.get_for_model(ArticlePage)

        def entry(story, action, data=None, **fields):
            fields = {
                "label": story.get_admin_display_title(),
                "revision": story.live_revision,
                "content_changed": True,
                **fields,
            }
            return PageLogEntry(
                content_type=content_type,
                page=story,
                action=action,
                timestamp=now,
                data=data or {},
                user=context.user,
                uuid=context.uuid,
                **fields,
            )

        # As Wagtail's move logs a move: under the title before this publication, no revision.
        entries = [
            entry(story, "wagtail.move", data, label=label, revision=None, content_changed=False)
            for story, label, data in moved
        ]
        for story in new:
            entries += [entry(story, "wagtail.create"), entry(story, "wagtail.publish")]
        for story in changed:
            if story.pk in renamed:
                entries.append(entry(story, "wagtail.rename", renamed[story.pk]))
            entries.append(entry(story, "wagtail.publish", renamed.get(story.pk)))
        PageLogEntry.objects.bulk_create(entries)
