"""Benchmark: stories imported per minute by `import_articles` (run by `make bench`).

Usage: PYTHONPATH=site:. python -m news.bench [N] — builds a fresh SQLite database in a temp
dir, loads the site tree, imports N generated stories (long bodies, emoji, decomposed Unicode),
then re-imports them (the update path), and prints stories per minute for both.
"""

import json
import os
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]


def main(count):
    workdir = Path(tempfile.mkdtemp(prefix="bench-import-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "uploads")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    quiet = open(os.devnull, "w")  # noqa: SIM115 (lives as long as the benchmark)
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=quiet)
    body = "".join(
        f"<p>Đoạn {n}: cán bộ, đảng viên huyện Kiên Lương học tập và làm theo Bác.</p>"
        for n in range(40)
    )
    path = workdir / "stories.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        for n in range(count):
            row = {
                "id": f"bench-{n}",
                "title": unicodedata.normalize("NFD", f"Tin “số {n}” & ảnh 📷 ở Hòn Nghệ"),
                "lead": "Sapo.",
                "body_html": body,
                "section": ["Xây dựng Đảng", "Thuế", "Trang địa phương"][n % 3],
                "author": "Kim Thư",
                "published_at": "2018-01-15T08:30:00+07:00",
                "tags": ["học tập và làm theo Bác", f"tag-{n % 20}"],
                "for_radio": n % 2 == 0,
                "for_province": n % 3 == 0,
            }
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    for label in ("create", "update"):
        started = time.perf_counter()
        call_command("import_articles", str(path), stdout=quiet, stderr=quiet)
        seconds = time.perf_counter() - started
        print(
            f"import_articles {label}: {count} stories in {seconds:.1f} s "
            f"= {count / seconds * 60:,.0f} stories/minute"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
