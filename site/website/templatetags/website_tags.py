import uuid

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from wagtail import hooks
from wagtail.models import Page, Site

from website import fragments
from website.models import WebsiteLink
from website.privacy import ReaderPageQuerySet

register = template.Library()


def _site_key(request):
    site = Site.find_for_request(request) if request else None
    return site.pk if site else 0


@register.simple_tag(takes_context=True)
def content_version(context):
    """For `{% cache %}` keys: a rendered fragment is reused until the content changes. A
    preview shows a draft under the page's own id: its fragments are never reused."""
    if getattr(context.get("request"), "is_preview", False):
        return f"preview:{uuid.uuid4().hex}"
    return fragments.version()


@register.simple_tag(takes_context=True)
def sidebar(context):
    """The sidebar every page shows, rendered once per content version and site: the boxes
    apps add through the `reader_sidebar_boxes` hook (news: latest and most viewed stories),
    then the office's links."""
    request = context.get("request")

    def render():
        boxes = [box(request) for box in hooks.get_hooks("reader_sidebar_boxes")]
        return render_to_string(
            "includes/sidebar.html",
            {"boxes": boxes, "website_links": WebsiteLink.objects.all()},
            request=request,
        )

    return fragments.cached(
        f"sidebar:{_site_key(request)}", render, topics=(fragments.CONTENT, fragments.VIEWS)
    )


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    """The way back to the home page, rendered once per content version (a move or a new
    title is published); a preview's draft title is rendered afresh."""
    page, request = context.get("page"), context.get("request")

    def render():
        home = getattr(Site.find_for_request(request), "root_page", None)
        if home is not None and home.depth == 2 and page.path.startswith(home.path):
            # The home page is the request's site's, which the request holds: a section's
            # breadcrumbs need no query, a story's read only the pages between.
            between = (
                page.get_ancestors().filter(depth__gt=2).specific(defer=True)
                if page.depth > 3
                else []
            )
            ancestors = [home, *between]
        else:
            ancestors = page.get_ancestors().filter(depth__gt=1).specific(defer=True)
        return render_to_string(
            "includes/breadcrumbs.html", {"ancestors": ancestors, "page": page}, request=request
        )

    if getattr(request, "is_preview", False):
        return render()
    return fragments.cached(f"breadcrumbs:{_site_key(request)}:{page.pk}", render)


@register.simple_tag(takes_context=True)
def site_menu(context):
    """The sections and other top-level pages marked "show in menus"."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None

    def render():
        # Through the readers' queryset: its privacy rule comes from the cache, where
        # Wagtail's `public()` reads every view restriction again.
        pages = ReaderPageQuerySet(Page).child_of(site.root_page) if site else Page.objects.none()
        items = pages.live().public().in_menu().order_by("path")
        return render_to_string("includes/site_menu.html", {"menu_items": items}, request=request)

    return fragments.cached(f"menu:{site.pk if site else 0}", render)


@register.filter
def minutes(duration):
    """A timedelta in whole minutes (at least 1), for messages such as the login lockout."""
    return max(1, round(duration.total_seconds() / 60))


@register.filter(is_safe=True)
def body_html(html):
    """Rendered rich text passed through every app's `filter_body_html` hook (the document
    library links the references it knows):
    `{% filter body_html %}{% include_block page.body %}{% endfilter %}`."""
    html = str(html)
    for hook in hooks.get_hooks("filter_body_html"):
        html = hook(html)
    return mark_safe(html)
