from django.urls import path, re_path

from . import feed_views, views

app_name = "news"

urlpatterns = [
    path("feeds/", feed_views.index, name="feeds"),
    re_path(
        r"^feeds/section/(?P<slug>[-\w]+)\.(?P<fmt>rss|atom)$",
        feed_views.section_feed,
        name="section_feed",
    ),
    re_path(r"^feeds/(?P<name>[-\w]+)\.(?P<fmt>rss|atom)$", feed_views.feed, name="feed"),
    # Past the front cache (settings.SHARED_CACHE_EXCLUDED_PATHS).
    path("reader/feedback/token/", views.feedback_token, name="feedback_token"),
    path("reader/feedback/<int:page_id>/", views.feedback, name="feedback"),
    path("reader/views/<int:page_id>/", views.count_view, name="count_view"),
]
