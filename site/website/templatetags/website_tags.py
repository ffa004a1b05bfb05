from django import template
from wagtail.models import Site

from website.models import WebsiteLink

register = template.Library()


@register.inclusion_tag("includes/sidebar.html", takes_context=True)
def sidebar(context):
    from news.models import ArticlePage

    stories = ArticlePage.objects.live().public()
    return {
        "request": context.get("request"),
        "latest_stories": stories.for_listing()[:6],
        "most_viewed": stories.most_viewed()[:6],
        "website_links": WebsiteLink.objects.all(),
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    ancestors = page.get_ancestors().filter(depth__gt=1).specific(defer=True) if page else []
    return {"request": context.get("request"), "ancestors": ancestors, "page": page}


@register.inclusion_tag("includes/site_menu.html", takes_context=True)
def site_menu(context):
    """The sections and other top-level pages marked "show in menus"."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = site.root_page.get_children().live().public().in_menu() if site else []
    return {"request": request, "menu_items": items}
