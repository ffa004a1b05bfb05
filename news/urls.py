from django.urls import path, re_path

from . import feed_views

app_name = "news"

urlpatterns = [
    path("feeds/", feed_views.index, name="feeds"),
    re_path(
        r"^feeds/section/(?P<slug>[-\w]+)\.(?P<fmt>rss|atom)$",
        feed_views.section_feed,
        name="section_feed",
    ),
    re_path(r"^feeds/(?P<name>[-\w]+)\.(?P<fmt>rss|atom)$", feed_views.feed, name="feed"),
]
