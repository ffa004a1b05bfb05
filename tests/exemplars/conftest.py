import pytest

from tests.exemplars.factories import (
    CommuneFactory,
    ExemplarIndexPageFactory,
    publish_exemplar,
)
from website.models import CommuneKind


@pytest.fixture
def exemplar_index(home):
    return ExemplarIndexPageFactory(parent=home)


@pytest.fixture
def communes(db):
    """Two of Kiên Lương's communes, by slug."""
    return {
        commune.slug: commune
        for commune in (
            CommuneFactory(name="Bình An", slug="binh-an"),
            CommuneFactory(name="Kiên Lương", slug="kien-luong", kind=CommuneKind.TOWNSHIP),
        )
    }


@pytest.fixture
def make_exemplar(exemplar_index):
    """Publish an exemplar (in the list unless `parent` says otherwise) with `awards`."""

    def make(parent=None, awards=(), **fields):
        return publish_exemplar(parent or exemplar_index, awards, **fields)

    return make
