"""A reporter, a member of the editorial board and an administrator walk the screens of
Wagtail's admin they use; none of them may see one of Wagtail's English messages (a message
the Vietnamese catalogue misses, or JavaScript that does not get it)."""

import functools
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, Site, Workflow
from wagtail.users.models import UserProfile

from news.roles import BOARD, REPORTERS, WORKFLOW, setup_newsroom
from tests.factories import (
    ArticlePageFactory,
    ExemplarIndexPageFactory,
    InventoryIndexPageFactory,
    SectionPageFactory,
)
from tests.helpers import PASSWORD, english_messages, publish
from website.models import WebsiteLink

# Written the same in a Vietnamese newsroom (the catalogue keeps them as they are).
SAME_IN_VIETNAMESE = {"URL", "ID"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")
# The text a user meets: what is rendered, and the labels of controls and images.
VISIBLE_TEXT = """() => {
    const texts = [document.title, ...document.body.innerText.split(/[\\n\\t]/)];
    const labelled = "[placeholder], [title], [aria-label], img[alt]";
    for (const element of document.querySelectorAll(labelled)) {
        if (!element.checkVisibility()) continue;
        for (const name of ["placeholder", "title", "aria-label", "alt"]) {
            texts.push(element.getAttribute(name) || "");
        }
    }
    return texts;
}"""


@functools.cache
def english_patterns():
    """Wagtail's English messages as they would read on screen: exact strings for plain ones,
    patterns for those with placeholders (only when their own words say something)."""
    exact, patterns = set(), []
    for _, entry in english_messages("django") + english_messages("djangojs"):
        for message in filter(None, (entry.msgid, entry.msgid_plural)):
            text = re.sub(r"<[^>]+>", "", message).strip()
            words = re.findall(r"[A-Za-z]{3,}", PLACEHOLDER.sub(" ", text))
            if not words or text in SAME_IN_VIETNAMESE:
                continue
            if PLACEHOLDER.search(text):
                if len(words) < 2:  # "%(count)s page" would match any "… page"
                    continue
                parts = PLACEHOLDER.split(text)
                patterns.append(re.compile(".+".join(map(re.escape, parts))))
            else:
                exact.add(text)
    return exact, re.compile("|".join(f"(?:{pattern.pattern})" for pattern in patterns))


def english_on(tab):
    exact, pattern = english_patterns()
    found = set()
    for text in tab.evaluate(VISIBLE_TEXT):
        text = text.strip().rstrip("*:").strip()
        if text in exact or (text and pattern.fullmatch(text)):
            found.add(text)
    return found


class Walk:
    """One user's tab; `visit` opens a screen, acts on it, and records the English it shows."""

    def __init__(self, tab):
        self.tab = tab
        self.english = {}

    def record(self, where):
        for text in english_on(self.tab):
            self.english.setdefault(text, where)

    def visit(self, path, *actions):
        response = self.tab.goto(path)
        assert response.ok, f"{path}: {response.status}"
        self.record(path)
        for action in actions:
            action(self.tab)
            self.record(f"{path} ({action.__name__})")


def close(tab):
    tab.keyboard.press("Escape")


def open_page_explorer(tab):
    tab.locator("#wagtail-sidebar").get_by_role("button", name="Trang", exact=True).click()
    tab.locator(".c-page-explorer__item").first.wait_for()


def open_block_menu(tab):
    tab.locator(".c-sf-add-button").first.click()
    tab.locator(".w-combobox").first.wait_for()
    close(tab)


def open_comments(tab):
    tab.locator("[data-side-panel-toggle='comments']").first.click()
    tab.locator("[data-side-panel='comments']").wait_for()


def open_more_actions(tab):
    tab.locator("footer .w-dropdown__toggle").first.click()
    tab.locator("footer .w-dropdown__content").first.wait_for()


def open_privacy_dialog(tab):
    tab.locator("[data-side-panel-toggle='status']").first.click()
    tab.locator("[data-a11y-dialog-show='set-privacy']").first.click()
    tab.locator("#set-privacy input[type=radio]").first.wait_for()


def open_image_chooser(tab):
    tab.locator("[data-chooser-action-choose]").first.click()
    tab.locator(".modal-dialog .chooser-results, .modal-dialog form").first.wait_for()


def open_approve_with_comment(tab):
    open_more_actions(tab)
    tab.locator("button[data-workflow-action-name=approve][data-workflow-action-modal-url]").click()
    tab.locator(".modal-dialog textarea").wait_for()


def open_request_changes(tab):
    tab.locator(".modal [data-dismiss=modal]").click()
    tab.locator(".modal").wait_for(state="hidden")
    open_more_actions(tab)
    tab.locator("button[data-workflow-action-name=reject]").click()
    tab.locator(".modal-dialog textarea").wait_for()


def picture():
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 360), (179, 22, 11)).save(buffer, "JPEG")
    return ImageFile(buffer, name="co-dang.jpg")


@pytest.fixture
def newsroom(live_site, django_user_model):
    """The newsroom's groups and workflow, a user for each role, a published story and one
    waiting for the board, a page of every other type, an image, a document and a link."""
    setup_newsroom(live_site)
    for username, group in (("phongvien", REPORTERS), ("bientap", BOARD)):
        user = django_user_model.objects.create_user(username, password=PASSWORD)
        user.groups.add(Group.objects.get(name=group))
    django_user_model.objects.create_superuser("quantri", "quantri@example.vn", PASSWORD)
    reporter = django_user_model.objects.get(username="phongvien")
    section = SectionPageFactory(parent=live_site, title="Thời sự", slug="thoi-su")
    publish(section)
    # The reporter's own: reporters edit only the pages they created (docs/roles.md).
    story = ArticlePageFactory(parent=section, title="Kiên Lương ra quân hè 2018", owner=reporter)
    publish(story, user=reporter)
    story.title = "Kiên Lương ra quân mùa hè 2018"
    story.save_revision(user=reporter)
    waiting = ArticlePageFactory(
        parent=section, title="Hội nghị học tập Nghị quyết", live=False, owner=reporter
    )
    waiting.save_revision(user=reporter)
    Workflow.objects.get(name=WORKFLOW).start(waiting, reporter)
    pages = {"home": live_site, "section": section, "story": story, "waiting": waiting}
    for name, factory in (
        ("exemplars", ExemplarIndexPageFactory),
        ("inventories", InventoryIndexPageFactory),
    ):
        pages[name] = factory(parent=live_site)
        publish(pages[name])
    pages["image"] = Image.objects.create(title="Cờ Đảng trên trục chính Ba Hòn", file=picture())
    pages["document"] = Document.objects.create(
        title="Kế hoạch tuyên truyền 2018", file=ContentFile(b"%PDF-1.4", name="ke-hoach.pdf")
    )
    WebsiteLink.objects.create(title="Cổng thông tin tỉnh", url="https://kiengiang.gov.vn/")
    return pages


@pytest.fixture
def sign_in(browser, live_server):
    """A tab signed in as `username` (or not signed in); closed after the test, so that no
    editor left open keeps talking to the server during the next test."""
    contexts = []

    def sign_in(username=None):
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, locale="vi-VN", base_url=live_server.url
        )
        contexts.append(context)
        context.set_default_timeout(15_000)
        tab = context.new_page()
        if username:
            tab.goto(reverse("wagtailadmin_login"))
            tab.fill("#id_username", username)
            tab.fill("#id_password", PASSWORD)
            tab.locator("form button[type=submit]").click()
            tab.wait_for_url("**/admin/")
        return tab

    yield sign_in
    for context in contexts:
        context.close()


def editor_screens(pages):
    """What a reporter and the board both use: dashboard, explorer, editor, history, library."""
    story = pages["story"]
    return [
        (reverse("wagtailadmin_home"), open_page_explorer),
        (reverse("wagtailadmin_explore", args=[pages["section"].pk]),),
        (
            reverse("wagtailadmin_pages:edit", args=[story.pk]),
            open_block_menu,
            open_comments,
            open_more_actions,
        ),
        (reverse("wagtailadmin_pages:history", args=[story.pk]),),
        (
            reverse(
                "wagtailadmin_pages:revisions_compare",
                args=[story.pk, "earliest", story.latest_revision_id],
            ),
        ),
        (reverse("wagtailimages:index"),),
        (reverse("wagtaildocs:index"),),
        (reverse("wagtailadmin_pages:search") + "?q=Kiên",),
        (reverse("wagtailadmin_account"),),
    ]


def reporter_screens(pages):
    return [
        (
            reverse("wagtailadmin_pages:add", args=["news", "articlepage", pages["section"].pk]),
            open_image_chooser,
        ),
        (reverse("wagtailadmin_pages:edit", args=[pages["waiting"].pk]), open_more_actions),
        (reverse("wagtailimages:edit", args=[pages["image"].pk]),),
        (reverse("wagtaildocs:edit", args=[pages["document"].pk]),),
        (reverse("wagtailadmin_reports:locked_pages"),),
    ]


def board_screens(pages):
    return [
        (
            reverse("wagtailadmin_pages:edit", args=[pages["waiting"].pk]),
            open_approve_with_comment,
            open_request_changes,
        ),
        (reverse("wagtailadmin_pages:workflow_history", args=[pages["waiting"].pk]),),
        (reverse("wagtailsnippets:index"),),
        (reverse("wagtailsnippets_news_feedback:list"),),
        (reverse("wagtailadmin_reports:workflow"),),
    ]


def admin_screens(pages):
    site = Site.objects.get(is_default_site=True)
    adding = [
        (reverse("wagtailadmin_pages:add", args=[*label.split("."), parent.pk]),)
        for label, parent in (
            ("website.homepage", Page.get_first_root_node()),
            ("news.sectionpage", pages["home"]),
            ("news.articlepage", pages["section"]),
            ("exemplars.exemplarindexpage", pages["home"]),
            ("exemplars.exemplarpage", pages["exemplars"]),
            ("media.inventoryindexpage", pages["home"]),
            ("media.inventorypage", pages["inventories"]),
        )
    ]
    return [
        *adding,
        (reverse("wagtailadmin_pages:edit", args=[pages["story"].pk]), open_privacy_dialog),
        (reverse("wagtailimages:add_multiple"),),
        (reverse("wagtaildocs:add_multiple"),),
        (reverse("wagtailsnippets_website_websitelink:list"),),
        (reverse("wagtailsnippets_website_websitelink:add"),),
        (reverse("wagtailsettings:edit", args=["website", "officesettings", site.pk]),),
        (reverse("wagtailusers_users:index"),),
        (reverse("wagtailusers_users:add"),),
        (reverse("wagtailusers_groups:index"),),
        (reverse("wagtailusers_groups:edit", args=[Group.objects.get(name=BOARD).pk]),),
        (reverse("wagtailsites:index"),),
        (reverse("wagtailsites:edit", args=[site.pk]),),
        (reverse("wagtailadmin_collections:index"),),
        (reverse("wagtailadmin_workflows:index"),),
        (reverse("wagtailadmin_workflows:edit", args=[Workflow.objects.get(name=WORKFLOW).pk]),),
        (reverse("wagtailadmin_workflows:task_index"),),
        (reverse("wagtailredirects:index"),),
        (reverse("wagtailredirects:add"),),
        (reverse("wagtailforms:index"),),
        (reverse("wagtailadmin_reports:site_history"),),
        (reverse("wagtailadmin_reports:aging_pages"),),
        (reverse("wagtailadmin_reports:workflow_tasks"),),
        (reverse("wagtailadmin_reports:page_types_usage"),),
    ]


@pytest.mark.django_db(transaction=True)
def test_every_role_sees_the_admin_in_vietnamese(sign_in, newsroom):
    visitor = Walk(sign_in())
    visitor.visit(reverse("wagtailadmin_login"))
    visitor.visit(reverse("wagtailadmin_password_reset"))
    walks = {"(not signed in)": visitor}
    editing = editor_screens(newsroom)
    for username, screens in (
        ("phongvien", editing + reporter_screens(newsroom)),
        ("bientap", editing[:2] + board_screens(newsroom)),
        ("quantri", editing[:1] + admin_screens(newsroom)),
    ):
        walks[username] = Walk(sign_in(username))
        for screen in screens:
            walks[username].visit(*screen)
    english = {name: walk.english for name, walk in walks.items() if walk.english}
    assert not english, english


@pytest.mark.django_db(transaction=True)
def test_the_check_sees_english_when_an_editor_prefers_it(sign_in, live_site, django_user_model):
    """The walk above can fail: an administrator who picked English sees English."""
    user = django_user_model.objects.create_superuser("quantri", "quantri@example.vn", PASSWORD)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    walk = Walk(sign_in("quantri"))
    walk.visit(reverse("wagtailadmin_home"))
    assert {"Pages", "Images", "Documents"} <= set(walk.english)
