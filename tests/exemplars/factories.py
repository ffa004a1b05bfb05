"""Factories for exemplar pages and their commendations."""

import factory
import wagtail_factories

from exemplars.models import (
    AwardLevel,
    AwardType,
    Commendation,
    ExemplarIndexPage,
    ExemplarKind,
    ExemplarPage,
)
from website.models import Commune, CommuneKind


class ExemplarIndexPageFactory(wagtail_factories.PageFactory):
    title = "Gương người tốt việc tốt"
    slug = "guong-nguoi-tot-viec-tot"

    class Meta:
        model = ExemplarIndexPage


class ExemplarPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Gương điển hình {n:02d}")
    slug = factory.Sequence(lambda n: f"guong-dien-hinh-{n:02d}")
    kind = ExemplarKind.INDIVIDUAL
    summary = "Có thành tích xuất sắc trong học tập và làm theo Bác."

    class Meta:
        model = ExemplarPage


class CommuneFactory(factory.django.DjangoModelFactory):
    name = "Bình An"
    kind = CommuneKind.COMMUNE
    slug = "binh-an"

    class Meta:
        model = Commune
        django_get_or_create = ("slug",)


def award(level=AwardLevel.DISTRICT, year=2017, award_type=AwardType.CERTIFICATE, **fields):
    """The fields of one commendation, with the seed's most common case as defaults."""
    return {"level": level, "year": year, "award_type": award_type, **fields}


def publish_exemplar(parent, awards=(), **fields):
    """An exemplar published below `parent` with the commendations `awards`."""
    page = ExemplarPageFactory(parent=parent, **fields)
    page.commendations = [Commendation(**values) for values in awards]
    page.save_revision().publish()
    page.refresh_from_db()
    return page
