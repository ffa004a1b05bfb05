from django import template

from website import feeds

register = template.Library()


@register.inclusion_tag("includes/feed_links.html", takes_context=True)
def feed_links(context):
    """<link rel="alternate"> for every site-wide feed, and for the page being read if it has
    a feed of its own (a section)."""
    links = [
        (feed.title, feed.url(fmt), fmt) for feed in feeds.site_feeds() for fmt in feeds.FORMATS
    ]
    page = context.get("page")
    links += [
        (page.title, feed.url(fmt, page), fmt)
        for feed in feeds.page_feeds()
        if isinstance(page, feed.page_model)
        for fmt in feeds.FORMATS
    ]
    return {"links": links}
