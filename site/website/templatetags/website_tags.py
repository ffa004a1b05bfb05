from django import template
from django.template.loader import render_to_string
from wagtail.models import Site

from website import fragments
from website.models import WebsiteLink

register = template.Library()


def _site_key(request):
    site = Site.find_for_request(request) if request else None
    return site.pk if site else 0


@register.simple_tag
def content_version():
    """For `{% cache %}` keys: a rendered list is reused until the content changes."""
    return fragments.version()


@register.simple_tag(takes_context=True)
def sidebar(context):
    """The sidebar every page shows, rendered once per content version and site."""
    from news.models import ArticlePage

    request = context.get("request")

    def render():
        stories = ArticlePage.objects.live().public()
        return render_to_string(
            "includes/sidebar.html",
            {
                "latest_stories": stories.for_listing()[:6],
                "most_viewed": stories.most_viewed()[:6],
                "website_links": WebsiteLink.objects.all(),
            },
            request=request,
        )

    return fragments.cached(
        f"sidebar:{_site_key(request)}", render, topics=(fragments.CONTENT, fragments.VIEWS)
    )


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    ancestors = page.get_ancestors().filter(depth__gt=1).specific(defer=True) if page else []
    return {"request": context.get("request"), "ancestors": ancestors, "page": page}


@register.simple_tag(takes_context=True)
def site_menu(context):
    """The sections and other top-level pages marked "show in menus"."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None

    def render():
        items = site.root_page.get_children().live().public().in_menu() if site else []
        return render_to_string("includes/site_menu.html", {"menu_items": items}, request=request)

    return fragments.cached(f"menu:{site.pk if site else 0}", render)


@register.filter
def minutes(duration):
    """A timedelta in whole minutes (at least 1), for messages such as the login lockout."""
    return max(1, round(duration.total_seconds() / 60))
