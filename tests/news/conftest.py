import feedparser
import pytest


@pytest.fixture
def read_feed(client):
    """Fetch a feed and parse it as a feed reader would; it must parse without errors."""

    def read(url, **headers):
        response = client.get(url, **headers)
        assert response.status_code == 200, response.content[:500]
        parsed = feedparser.parse(response.content)
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        return parsed

    return read


def titles(parsed):
    return [entry.title for entry in parsed.entries]
