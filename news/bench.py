"""Benchmark: stories imported per minute by `import_articles` (run by `make bench`).

Usage: PYTHONPATH=site:. python -m news.bench [N]

Builds a fresh database, loads the site tree, imports N generated stories (long bodies, emoji,
decomposed Unicode, a shared hero image), then re-imports them with every tenth story moved to
another section (the update path), and prints stories per minute for both. Then it imports the
file once more in another process while an editor (this process) publishes a new story into
one of its sections every second, and prints how long those publishes took, next to the same
publish with no import running (imports write 50 stories per transaction: an editor waits
for one batch at most).

- N: the argument, else `BENCH_IMPORT_STORIES`, else 1000.
- Database: `BENCH_IMPORT_DATABASE`: `sqlite` (the default: a file in a temporary folder),
  `postgres` (the server of `DATABASE_URL`, as `scripts/bench.sh` starts it) or a
  `postgres://` URL; on PostgreSQL a fresh database `<name>_import_bench_<pid>` is created and
  dropped afterwards.

On PostgreSQL at 10,000 stories, through `make bench`:
`BENCH_IMPORT_DATABASE=postgres BENCH_IMPORT_STORIES=10000 make bench`.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

SECTIONS = ["Xây dựng Đảng", "Thuế", "Trang địa phương"]


def fresh_postgres(url):
    """A new, empty database on the server of `url`: (its URL, a function that drops it)."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    name = f"{config['NAME']}_import_bench_{os.getpid()}"
    server = {
        "host": config["HOST"],
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "password": config["PASSWORD"],
        "dbname": config["NAME"],
        "autocommit": True,
    }
    with psycopg.connect(**server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')

    def drop():
        from django.db import connections

        connections.close_all()
        with psycopg.connect(**server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')

    return url.rsplit("/", 1)[0] + "/" + name, drop


def write_stories(path, count, moved=False):
    body = "".join(
        f"<p>Đoạn {n}: cán bộ, đảng viên huyện Kiên Lương học tập và làm theo Bác.</p>"
        for n in range(40)
    )
    with open(path, "w", encoding="utf-8") as handle:
        for n in range(count):
            section = (n + (1 if moved and n % 10 == 0 else 0)) % 3
            row = {
                "id": f"bench-{n}",
                "title": unicodedata.normalize("NFD", f"Tin “số {n}” & ảnh 📷 ở Hòn Nghệ"),
                "lead": "Sapo.",
                "body_html": body,
                "section": SECTIONS[section],
                "author": "Kim Thư",
                "published_at": "2018-01-15T08:30:00+07:00",
                "tags": ["học tập và làm theo Bác", f"tag-{n % 20}"],
                "for_radio": n % 2 == 0,
                "for_province": n % 3 == 0,
            }
            if n % 10 == 0:
                row.update(image="anh.png", image_caption="Ảnh minh họa")
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def editor_publishes(section, *, times=None, while_running=None):
    """Seconds each publish of a new story into `section` took, one a second: `times` of them,
    or as many as fit while the process `while_running` runs."""
    from news.models import ArticlePage

    waits = []
    while (len(waits) < times) if while_running is None else while_running.poll() is None:
        n = ArticlePage.objects.count()
        started = time.perf_counter()
        story = section.add_child(
            instance=ArticlePage(title=f"Tin biên tập viên {n}", slug=f"bien-tap-{n}", lead=".")
        )
        story.save_revision().publish()
        waits.append(time.perf_counter() - started)
        time.sleep(1)
    return waits


def main(count):
    workdir = Path(tempfile.mkdtemp(prefix="bench-import-"))
    drop = None
    url = os.environ.get("BENCH_IMPORT_DATABASE", "sqlite")
    if url == "postgres":
        url = os.environ["DATABASE_URL"]
    if url.startswith(("postgres://", "postgresql://")):
        url, drop = fresh_postgres(url)
    else:
        url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DATABASE_URL"] = url
    os.environ["MEDIA_ROOT"] = str(workdir / "uploads")
    os.environ.pop("ELASTICSEARCH_URL", None)
    # As in production: Django keeping every query of a 10,000-story import would skew it.
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from PIL import Image

    try:
        quiet = open(os.devnull, "w")  # noqa: SIM115 (lives as long as the benchmark)
        call_command("migrate", verbosity=0)
        call_command("load_demo", stdout=quiet)
        Image.new("RGB", (320, 200), (30, 120, 200)).save(workdir / "anh.png")
        path = workdir / "stories.jsonl"
        print(f"import_articles on {connection.vendor}, {count} stories:")
        for label, moved in (("create", False), ("update", True)):
            write_stories(path, count, moved=moved)
            started = time.perf_counter()
            call_command("import_articles", str(path), stdout=quiet, stderr=quiet)
            seconds = time.perf_counter() - started
            print(
                f"  {label}: {seconds:.1f} s = {count / seconds * 60:,.0f} stories/minute",
                flush=True,
            )
        from news.models import SectionPage

        section = SectionPage.objects.get(title=SECTIONS[0])
        alone = editor_publishes(section, times=5)
        importer = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "import_articles", str(path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        during = editor_publishes(section, while_running=importer)
        print(
            f"  an editor's publish into a section being imported to: median "
            f"{statistics.median(during):.2f} s, max {max(during):.2f} s ({len(during)} "
            f"publishes); with no import: median {statistics.median(alone):.2f} s",
            flush=True,
        )
    finally:
        if drop:
            drop()


if __name__ == "__main__":
    main(int(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("BENCH_IMPORT_STORIES", 1000)))
