from django import template
from django.urls import reverse

from news import feeds
from news.models import SectionPage

register = template.Library()


@register.inclusion_tag("news/includes/feed_links.html", takes_context=True)
def feed_links(context):
    """<link rel="alternate"> for every site-wide feed, and for the section being read."""
    links = [
        (feed.title, reverse("news:feed", kwargs={"name": name, "fmt": fmt}), fmt)
        for name, feed in feeds.registry.items()
        for fmt in feeds.FORMATS
    ]
    page = context.get("page")
    if isinstance(page, SectionPage):
        links += [
            (page.title, reverse("news:section_feed", kwargs={"slug": page.slug, "fmt": fmt}), fmt)
            for fmt in feeds.FORMATS
        ]
    return {"links": links}


@register.filter
def section_feed_url(section, fmt):
    return reverse("news:section_feed", kwargs={"slug": section.slug, "fmt": fmt})
