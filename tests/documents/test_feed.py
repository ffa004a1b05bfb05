"""Other offices and readers follow the documents added to the library by RSS or Atom."""

import pytest

from tests.helpers import feed_titles

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_new_documents_newest_first(read_feed, make_document, fmt):
    make_document(
        "05-CT/TW",
        title="Chỉ thị số 05-CT/TW",
        summary="Về tiếp tục đẩy mạnh học tập và làm theo Bác.",
    )
    plan = make_document("74-KH/HU", kind="ke_hoach", title="Kế hoạch số 74-KH/HU")
    feed = read_feed(f"/feeds/documents.{fmt}")
    assert feed_titles(feed) == ["Kế hoạch số 74-KH/HU", "Chỉ thị số 05-CT/TW"]
    assert feed.entries[1].summary == "Về tiếp tục đẩy mạnh học tập và làm theo Bác."
    assert feed.entries[0].tags[0].term == "Kế hoạch"
    assert feed.entries[0].link.endswith(plan.url)


def test_an_unpublished_document_leaves_the_feed(read_feed, make_document):
    document = make_document("05-CT/TW", title="Chỉ thị số 05-CT/TW")
    assert feed_titles(read_feed("/feeds/documents.rss")) == ["Chỉ thị số 05-CT/TW"]
    document.unpublish()
    assert feed_titles(read_feed("/feeds/documents.rss")) == []


def test_the_feed_is_announced_and_listed(client, make_document):
    make_document("05-CT/TW")
    assert "/feeds/documents.atom" in client.get("/").content.decode()
    listing = client.get("/feeds/").content.decode()
    assert "/feeds/documents.rss" in listing and "Văn bản mới" in listing
