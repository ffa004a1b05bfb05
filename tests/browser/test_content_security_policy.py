"""The Content-Security-Policy breaks nothing: Chromium reports no violation while a reader
uses search suggestions and reads a story, and while an editor works in the admin."""

import pytest

# Chromium reports each refusal as a `securitypolicyviolation` event (and a console error);
# Playwright's init script runs outside the page's policy.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def violations(page):
    """Every CSP violation in `page`, from its events and its console."""
    console = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    def collected():
        return console + page.evaluate("window.__cspViolations || []")

    return collected


@pytest.mark.django_db(transaction=True)
def test_search_suggestions_and_a_story_work_under_the_policy(
    page, live_site, make_story, violations
):
    story = make_story(title="Học tập và làm theo Bác")
    page.goto("/")
    assert page.evaluate("document.querySelector('meta[http-equiv]')") is None
    page.fill("#search-q", "hoc tap")
    page.locator(".search-suggestions a").first.wait_for()
    assert violations() == []
    page.goto(story.url)
    # story.js fetches the feedback form's token when the reader starts writing.
    with page.expect_response(lambda response: "/reader/feedback/token/" in response.url):
        page.focus("form[data-token-url] textarea")
    assert violations() == []


@pytest.mark.django_db(transaction=True)
def test_the_page_editor_works_under_the_policy(page, editor_login, make_story, violations):
    story = make_story(title="Hội nghị học tập Nghị quyết")
    page.goto(f"/admin/pages/{story.pk}/edit/")
    # The body's blocks are drawn by Wagtail's scripts.
    page.locator("[data-streamfield-stream-container]").first.wait_for()
    page.goto("/admin/images/multiple/add/")
    page.locator("#fileupload").wait_for(state="attached")
    page.goto(story.url)  # the editing bar on the reader's page
    page.locator("wagtail-userbar").wait_for(state="attached")
    assert violations() == []
