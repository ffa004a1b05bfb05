"""Creating and updating exemplars outside the admin (the import and the demo)."""

from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce

from website.pages import upsert_page

from .models import Commendation, ExemplarPage, ExemplarRelatedStory

EXEMPLAR_FIELDS = (
    "title",
    "kind",
    "unit",
    "commune",
    "field",
    "photo",
    "summary",
    "body",
    "is_sample",
)


def upsert_exemplar(index, legacy_id, *, commendations, related_story_ids=None, **fields):
    """Create or update the exemplar known as `legacy_id` below `index`, replace its
    commendations with `commendations` (dicts of Commendation fields) and, if given, its chosen
    news stories, and publish it.

    Returns (page, created).
    """
    values = {name: fields[name] for name in EXEMPLAR_FIELDS if name in fields}
    values["commendations"] = [Commendation(**award) for award in commendations]
    if related_story_ids is not None:
        values["related_story_links"] = [
            ExemplarRelatedStory(story_id=story_id) for story_id in related_story_ids
        ]
    return upsert_page(index, ExemplarPage, {"legacy_id": legacy_id}, **values)


def count_commendations(pages):
    """Set the commendation figures of `pages` from their commendations in the database, for
    commendations written without their page (`ExemplarPage.save` keeps them otherwise)."""
    per_page = Commendation.objects.filter(page=OuterRef("pk")).order_by().values("page")
    pages.update(
        commendation_count=Coalesce(Subquery(per_page.annotate(n=Count("pk")).values("n")), 0),
        latest_year=Subquery(per_page.annotate(year=Max("year")).values("year")),
    )
