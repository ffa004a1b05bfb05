import pytest

from tests.factories import ExemplarIndexPageFactory
from tests.helpers import publish_exemplar


@pytest.fixture
def exemplar_index(home):
    return ExemplarIndexPageFactory(parent=home)


@pytest.fixture
def make_exemplar(exemplar_index):
    """Publish an exemplar (in the list unless `parent` says otherwise) with `awards`."""

    def make(parent=None, awards=(), **fields):
        return publish_exemplar(parent or exemplar_index, awards, **fields)

    return make
