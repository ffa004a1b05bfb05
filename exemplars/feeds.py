"""The feed of newly published exemplar profiles."""

from django.utils.translation import gettext_lazy as _

from website import feeds

from .models import ExemplarPage


@feeds.register
class ExemplarFeed(feeds.Feed):
    name = "exemplars"
    order = 40
    title = _("Exemplary people and models")
    description = _("Newly published profiles of exemplary people, collectives and models.")

    def get_queryset(self):
        return (
            ExemplarPage.objects.live()
            .public()
            .descendant_of(self.site.root_page)
            .filter(is_sample=False)
            .select_related("commune")
            .order_by("-first_published_at", "-pk")
        )

    def item_summary(self, page):
        return page.plain_summary
