"""Benchmark helpers for the front cache (scripts/bench_cache.sh, under `make bench`).

PYTHONPATH=site:. python -m benchmarks.front_cache prepare <site_url>
    the demo content, served by the default site at <site_url>; prints one path per line:
    home, story, section, exemplar list, report, then every story.
PYTHONPATH=site:. python -m benchmarks.front_cache publish <site_url> [runs]
    publishes new stories as an editor does (the purge included) and prints how long until
    each is on the home page served by the cache, median and worst, then the same counted
    from the moment the publish call returned (seconds).

Runs with the environment of the application machines (DATABASE_URL, REDIS_URL,
FRONTEND_CACHE_URL), so it purges the cache as they would.
"""

import os
import statistics
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")
    import django

    django.setup()


def prepare(site_url):
    from django.core.management import call_command
    from wagtail.models import Site

    from exemplars.models import ExemplarIndexPage
    from media.models import InventoryIndexPage, InventoryPage
    from news.models import ArticlePage, SectionPage

    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)
    address = urlsplit(site_url)
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = address.hostname, address.port
    site.save()  # also drops Wagtail's cached site root paths, by which purges are addressed
    stories = [story.url for story in ArticlePage.objects.live().public().order_by("-pk")]
    inventory = InventoryIndexPage.objects.live().first()
    year = InventoryPage.objects.live().order_by("-year").values_list("year", flat=True)[0]
    paths = [
        "/",
        stories[0],
        SectionPage.objects.live().first().url,
        ExemplarIndexPage.objects.live().first().url,
        inventory.url + inventory.reverse_subpage("year_report", kwargs={"year": year}),
    ]
    print("\n".join(paths + stories))


def publish(site_url, runs):
    from news.models import ArticlePage, SectionPage
    from website.pages import unique_slug

    section = SectionPage.objects.live().first()
    delays, after_publish = [], []
    for n in range(runs):
        title = f"Bài đo thời gian đăng số {n} {time.time():.0f}"
        story = ArticlePage(
            title=title, slug=unique_slug(section, title), lead="Đo thời gian đăng.", live=False
        )
        section.add_child(instance=story)
        revision = story.save_revision()
        urllib.request.urlopen(site_url + "/").read()  # the home page is in the cache
        start = time.perf_counter()
        revision.publish()
        published = time.perf_counter()
        while title not in urllib.request.urlopen(site_url + "/").read().decode():
            time.sleep(0.005)
        delays.append(time.perf_counter() - start)
        after_publish.append(time.perf_counter() - published)
        ArticlePage.objects.get(pk=story.pk).delete()
    print(
        f"{statistics.median(delays):.3f} {max(delays):.3f}"
        f" {statistics.median(after_publish):.3f} {max(after_publish):.3f}"
    )


if __name__ == "__main__":
    setup()
    if sys.argv[1] == "prepare":
        prepare(sys.argv[2])
    else:
        publish(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 5)
