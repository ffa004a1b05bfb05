from django import template

from website.models import WebsiteLink

register = template.Library()


@register.inclusion_tag("includes/sidebar.html", takes_context=True)
def sidebar(context):
    from news.models import ArticlePage

    stories = ArticlePage.objects.live().public()
    return {
        "request": context.get("request"),
        "latest_stories": stories.for_listing()[:6],
        "most_viewed": stories.most_viewed().select_related("hero_image")[:6],
        "website_links": WebsiteLink.objects.all(),
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    ancestors = page.get_ancestors().filter(depth__gt=1).specific(defer=True) if page else []
    return {"request": context.get("request"), "ancestors": ancestors, "page": page}
