import pytest

from tests.factories import DocumentIndexPageFactory
from tests.helpers import paragraphs, publish, publish_document


@pytest.fixture
def document_index(home):
    return publish(DocumentIndexPageFactory(parent=home))


@pytest.fixture
def make_document(document_index):
    """Publish a document in the library: `make_document("05-CT/TW", title=…)`."""

    def make(number, **fields):
        return publish_document(document_index, number, **fields)

    return make


@pytest.fixture
def citing_story(make_story):
    """Publish a story whose body is these paragraphs (HTML)."""

    def make(*html, **fields):
        return make_story(body=paragraphs(*html), **fields)

    return make
