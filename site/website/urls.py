from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from . import feed_views, views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Every app's feeds (website.feeds): site-wide ones and those of one page (a section).
    path("feeds/", feed_views.index, name="feeds"),
    re_path(r"^feeds/(?P<name>[-\w]+)\.(?P<fmt>rss|atom)$", feed_views.feed, name="feed"),
    re_path(
        r"^feeds/(?P<name>[-\w]+)/(?P<slug>[-\w]+)\.(?P<fmt>rss|atom)$",
        feed_views.page_feed,
        name="page_feed",
    ),
    # Each content domain adds its own routes here (search, …).
    path("search/", include("search.urls")),
    path("reader/radio/", include("radio.urls")),
    path("", include("news.urls")),
    # Wagtail's page addresses cannot hold a dot: hand …/<name>.csv to Wagtail's serve view,
    # whose routable pages answer them (exemplar statistics, an inventory's items.csv, a
    # yearly report's 2017.csv).
    re_path(r"^((?:[\w\-]+/)*[\w\-]+\.csv)$", wagtail_views.serve, name="page_csv"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    path("", include(wagtail_urls)),
]
