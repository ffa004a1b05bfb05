"""Creating and updating exemplars outside the admin (the import and the demo)."""

from website.pages import unique_slug

from .models import Commendation, ExemplarPage, ExemplarRelatedStory

EXEMPLAR_FIELDS = ("title", "kind", "unit", "commune", "field", "photo", "summary", "story")


def upsert_exemplar(index, legacy_id, *, commendations, related_story_ids=None, **fields):
    """Create or update the exemplar known as `legacy_id` below `index`, replace its
    commendations with `commendations` (dicts of Commendation fields) and, if given, its chosen
    news stories, and publish it.

    Returns (page, created).
    """
    existing = ExemplarPage.objects.filter(legacy_id=legacy_id).first()
    created = existing is None
    page = (
        ExemplarPage(legacy_id=legacy_id) if created else existing.get_latest_revision_as_object()
    )
    for name in EXEMPLAR_FIELDS:
        if name in fields:
            setattr(page, name, fields[name])
    page.commendations = [Commendation(**values) for values in commendations]
    if related_story_ids is not None:
        page.related_story_links = [
            ExemplarRelatedStory(story_id=story_id) for story_id in related_story_ids
        ]
    if created:
        page.slug = unique_slug(index, page.title)
        index.add_child(instance=page)
    page.save_revision().publish()
    return page, created
