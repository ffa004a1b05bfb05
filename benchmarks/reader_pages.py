"""Benchmark: reader pages at several corpus sizes, uncached (run by `make bench`).

Usage: PYTHONPATH=site:. python -m benchmarks.reader_pages [SIZES] — SIZES like 300,10000,100000.
Needs DATABASE_URL (PostgreSQL; scripts/bench.sh starts one; the benchmark works in a database of
its own beside it and drops it afterwards) and `wrk` on the PATH. For each
size it grows the corpus (news.corpus), then for every page prints:
- the query count and the SQL time of one request, measured in this process, with the shared
  fragments warm and with every cache emptied before the request, and for the latter also
  PostgreSQL's own time (planning and execution, from pg_stat_statements) with every statement
  planned ("cold pg"), and once the connection has prepared the page's statements ("prepared":
  settings, DJANGO_DB_PREPARE_THRESHOLD), and the first time again with each statement of the
  cold request re-run ("replanned");
- then req/s and p50/p99 latency from wrk against gunicorn (production settings, BENCH_WORKERS
  sync workers, no front cache) with BENCH_CONNECTIONS connections: one gunicorn per size,
  serving a copy of the database as it was at that size, each page at every size in turn for
  BENCH_SECONDS, BENCH_ROUNDS times, so that sizes are compared under the same load; and the
  CPU time a request costs the workers and their PostgreSQL backends.
The pages are the same at every size (the story and section chosen at the first).
"""

import contextlib
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "3"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "9"))
SAMPLES = 15
REPLANS = 30


def fresh_database():
    """A database of its own next to DATABASE_URL's, so other benchmarks' rows stay apart."""
    import psycopg

    url = os.environ["DATABASE_URL"]
    name = f"bench_pages_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return url, name, f"{url.rsplit('/', 1)[0]}/{name}"


def drop_database(url, name):
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def configure(database_url):
    workdir = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    os.environ.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="website.settings.production",
        DJANGO_SECRET_KEY="bench-only-not-secret",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_SECURE_COOKIES="0",  # plain HTTP on 127.0.0.1, as in scripts/topology.sh
        DJANGO_SSL_REDIRECT="0",
        DJANGO_STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=os.environ.get("MEDIA_ROOT", str(workdir / "uploads")),
    )
    os.environ.pop("ELASTICSEARCH_URL", None)
    import django

    django.setup()
    return workdir


def reader_pages(section_id=None, story_id=None):
    """(label, URL) of every kind of reader page, and the (section, story) they show: a story
    from the middle of the largest section unless given, so that every size serves the same
    pages (but the deep section page: page 50, or the last if fewer)."""
    from exemplars.models import ExemplarIndexPage, ExemplarPage
    from media.models import InventoryIndexPage
    from news.models import ArticlePage, SectionPage

    if section_id is None:
        section = max(SectionPage.objects.live(), key=lambda s: s.get_children_count())
    else:
        section = SectionPage.objects.get(pk=section_id)
    stories = ArticlePage.objects.live().filter(section=section).newest()
    count = stories.count()
    story = (
        stories[count // 2 : count // 2 + 1].get() if story_id is None else stories.get(pk=story_id)
    )
    deep = min(50, -(-count // section.per_page))
    pages = [
        ("home", "/"),
        ("story", story.url),
        ("section", section.url),
        (f"section p.{deep}", f"{section.url}?page={deep}"),
    ]
    exemplars = ExemplarIndexPage.objects.live().first()
    if exemplars:
        pages.append(("exemplar list", exemplars.url))
        pages.append(("exemplar", ExemplarPage.objects.live().first().url))
    inventories = InventoryIndexPage.objects.live().first()
    if inventories:
        pages.append(("inventories", inventories.url))
        pages.append(("report 2017", f"{inventories.url}bao-cao/2017/"))
    return pages, (section.pk, story.pk)


@contextlib.contextmanager
def statements_prepared(connection, prepared):
    """Whether the connection prepares the statements it runs often (psycopg's threshold, None
    for never), for the time being."""
    connection.ensure_connection()
    threshold = getattr(connection.connection, "prepare_threshold", None)
    if threshold is None:  # SQLite, or prepared statements turned off
        yield
        return
    connection.connection.prepare_threshold = threshold if prepared else None
    try:
        yield
    finally:
        connection.connection.prepare_threshold = threshold


def sql_profile(url, cold, prepared=True):
    """(queries, SQL ms, PostgreSQL's ms) of one GET, the median of SAMPLES. SQL ms is timed
    here, round trips included; PostgreSQL's ms is its own planning and execution of the
    page's statements (None where pg_stat_statements is not loaded). `prepared`: measured
    after requests enough for the connection to prepare the page's statements."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_USER_AGENT="bench")
    tracked = statements_tracked(connection)
    counts, times, server_times = [], [], []
    with statements_prepared(connection, prepared):
        for _ in range(SAMPLES if prepared else 1):
            if cold:
                cache.clear()
            client.get(url)
        for _ in range(SAMPLES):
            spent = []

            def timed(execute, sql, params, many, context, spent=spent):
                started = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    spent.append(time.perf_counter() - started)

            if cold:
                cache.clear()
            if tracked:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_stat_statements_reset()")
            with connection.execute_wrapper(timed):
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            if tracked:
                server_times.append(server_ms(connection))
            counts.append(len(spent))
            times.append(sum(spent) * 1000)
    return (
        int(statistics.median(counts)),
        statistics.median(times),
        statistics.median(server_times) if server_times else None,
    )


def replanned_ms(url):
    """PostgreSQL's planning and execution of each statement of one cold request, the median
    of REPLANS runs under `EXPLAIN ANALYZE` (timing off), summed. Steadier than "cold pg" on a
    shared machine, and lower: a statement planned again and again finds the catalogues in
    the backend's caches, where a request plans twenty different ones once each."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as request:
        Client(HTTP_USER_AGENT="bench").get(url)
    total = 0.0
    with connection.cursor() as cursor:
        for query in request.captured_queries:
            if not query["sql"].lstrip("(").upper().startswith("SELECT"):
                continue
            runs = []
            for _ in range(REPLANS):
                cursor.execute(f"EXPLAIN (ANALYZE, SUMMARY, TIMING OFF) {query['sql']}")
                summary = "\n".join(row[0] for row in cursor.fetchall())
                runs.append(sum(float(ms) for ms in re.findall(r"Time: ([\d.]+) ms", summary)))
            total += statistics.median(runs)
    return total


def statements_tracked(connection):
    """Whether PostgreSQL keeps statistics of statements (scripts/services.sh loads
    pg_stat_statements, with planning tracked)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW shared_preload_libraries")
        if "pg_stat_statements" not in cursor.fetchone()[0]:
            return False
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
    return True


def server_ms(connection):
    """PostgreSQL's planning and execution ms of this database's statements since the last
    reset, but for the statistics' own."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sum(total_plan_time + total_exec_time) FROM pg_stat_statements"
            " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
            " AND query NOT LIKE '%pg_stat_statements%'"
        )
        return float(cursor.fetchone()[0] or 0)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(workdir, **env):
    port = free_port()
    log = open(workdir / f"gunicorn-{port}.log", "w")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--chdir",
            str(ROOT / "site"),
            "website.wsgi:application",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=log,
        stderr=log,
        env={**os.environ, **env},
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
            return process, port
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"gunicorn did not start; see {log.name}")


UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url, seconds=SECONDS):
    """(req/s, p50 ms, p99 ms, errors, requests) from wrk."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def percentile(p):
        value, unit = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * UNIT_MS[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    return rate, percentile(50), percentile(99), int(errors.group(1)) if errors else 0, requests


def serving(process, server_url, database):
    """The processes serving one size: gunicorn's workers and their PostgreSQL backends (when
    PostgreSQL runs on this machine, as scripts/services.sh starts it)."""
    import psycopg

    workers = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    with psycopg.connect(server_url, autocommit=True) as conn:
        backends = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s", [database]
        ).fetchall()
    return [*workers, *(str(pid) for (pid,) in backends)]


def cpu_ms(pids):
    """User and system CPU time these processes have used, ms (none for those gone)."""
    ticks = 0
    for pid in pids:
        with contextlib.suppress(FileNotFoundError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks * 1000 / os.sysconf("SC_CLK_TCK")


def main(sizes):
    # Stopped (SIGTERM), it still stops its gunicorns and drops its databases.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    server_url, name, database_url = fresh_database()
    workdir = configure(database_url)
    snapshots = []
    try:
        run(sizes, workdir, server_url, name, snapshots)
    finally:
        from django.db import connections

        connections.close_all()
        for database in [name, *snapshots]:
            drop_database(server_url, database)
        shutil.rmtree(workdir, ignore_errors=True)


def snapshot(server_url, name, size):
    """A copy of the benchmark's database as it is at `size` stories, for gunicorn to serve
    while the original grows (PostgreSQL copies the files; no connection may be open)."""
    import psycopg
    from django.db import connections

    connections.close_all()
    copy = f"{name}_{size}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{name}" STRATEGY FILE_COPY')
    return copy


def run(sizes, workdir, server_url, name, snapshots):
    from django.core.management import call_command
    from django.db import connection

    from news import corpus
    from news.models import ArticlePage

    quiet = open(os.devnull, "w")  # noqa: SIM115 (lives as long as the benchmark)
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=quiet)
    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"Reader pages, uncached, {connection.vendor}")
    chosen, served = (), {}
    for size in sizes:
        started = time.perf_counter()
        corpus.grow(size)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("VACUUM ANALYZE")
        grown = time.perf_counter() - started
        print(f"\n{ArticlePage.objects.count():,} stories (grown in {grown:.0f} s)")
        print(
            f"{'page':<14} {'queries':>7} {'SQL ms':>7} {'cold q':>6} {'cold ms':>7} "
            f"{'cold pg':>7} {'prepared':>8} {'replanned':>9}"
        )
        pages, chosen = reader_pages(*chosen)
        for label, url in pages:
            queries, sql_ms, _ = sql_profile(url, cold=False)
            cold_queries, cold_ms, cold_pg = sql_profile(url, cold=True, prepared=False)
            prepared_pg = sql_profile(url, cold=True)[2]
            cold_pg, prepared_pg = (
                "-" if ms is None else f"{ms:.1f}" for ms in (cold_pg, prepared_pg)
            )
            replanned = replanned_ms(url) if connection.vendor == "postgresql" else 0.0
            print(
                f"{label:<14} {queries:>7} {sql_ms:>7.1f} {cold_queries:>6} {cold_ms:>7.1f} "
                f"{cold_pg:>7} {prepared_pg:>8} {replanned:>9.1f}",
                flush=True,
            )
        database = name if size == sizes[-1] else snapshot(server_url, name, size)
        if database != name:
            snapshots.append(database)
        served[size] = (database, pages)
    throughput(workdir, server_url, served)


def throughput(workdir, server_url, served):
    """req/s and latency of each page at each size, one gunicorn per size serving its copy of
    the database: ROUNDS short runs of each page at every size in turn (the sizes' order
    turning round by round), so that the machine's drift and other jobs' bursts fall on every
    size alike; the median run of each size, and the range of its runs. Also the CPU time a
    request costs gunicorn's workers and PostgreSQL, which other jobs on the machine change
    far less than req/s."""
    sizes = list(served)
    print(
        f"\nThroughput: gunicorn {WORKERS} sync workers per size, wrk {CONNECTIONS} connections, "
        f"{ROUNDS} rounds of {SECONDS} s at each size in turn: the median run's req/s, p50 and "
        f"p99, the range of the runs' req/s, the median CPU ms a request cost (workers and "
        f"PostgreSQL); load average {os.getloadavg()[0]:.1f}"
    )
    servers = {}
    try:
        for size, (database, _) in served.items():
            servers[size] = start_gunicorn(
                workdir,
                DATABASE_URL=f"{server_url.rsplit('/', 1)[0]}/{database}",
                REDIS_KEY_PREFIX=f"bench-{database}",  # each size its own fragments
            )
        # "section p.3/50": page 50 of the section, or its last where it has fewer
        labels = [
            "/".join(dict.fromkeys(pages[index][0] for _, pages in served.values())).replace(
                "/section p.", "/"
            )
            for index in range(len(served[sizes[0]][1]))
        ]
        print(
            f"{'page':<18} {'stories':>8} {'req/s':>6} {'range':>10} {'p50 ms':>7} "
            f"{'p99 ms':>7} {'CPU ms':>7}"
        )
        for index, label in enumerate(labels):
            urls = {
                size: f"http://127.0.0.1:{servers[size][1]}{served[size][1][index][1]}"
                for size in sizes
            }
            for url in urls.values():
                wrk(url, seconds=2)  # every worker warm, the page's fragments written
            runs = {size: [] for size in sizes}
            cpu = {size: [] for size in sizes}
            for round_ in range(ROUNDS):
                for size in sizes[round_ % len(sizes) :] + sizes[: round_ % len(sizes)]:
                    process, database = servers[size][0], served[size][0]
                    before = cpu_ms(serving(process, server_url, database))
                    runs[size].append(wrk(urls[size]))
                    spent = cpu_ms(serving(process, server_url, database)) - before
                    cpu[size].append(spent / max(1, runs[size][-1][4]))
            rates, costs = [], []
            for size in sizes:
                rate, p50, p99 = sorted(runs[size])[len(runs[size]) // 2][:3]
                rates.append(rate)
                costs.append(statistics.median(cpu[size]))
                span = f"{min(runs[size])[0]:.0f}–{max(runs[size])[0]:.0f}"
                errors = sum(run[3] for run in runs[size])
                print(
                    f"{label if size == sizes[0] else '':<18} {size:>8,} {rate:>6.0f} "
                    f"{span:>10} {p50:>7.1f} {p99:>7.1f} {costs[-1]:>7.2f}"
                    + (f"  {errors} errors" if errors else ""),
                )
            print(
                f"{'':<18} {sizes[0]:,} → {sizes[-1]:,}: req/s {rates[-1] / rates[0] - 1:+.0%}, "
                f"CPU {costs[-1] / costs[0] - 1:+.0%}; largest / smallest of all sizes: req/s "
                f"{max(rates) / min(rates) - 1:.0%}, CPU {max(costs) / min(costs) - 1:.0%}",
                flush=True,
            )
        print(f"load average {os.getloadavg()[0]:.1f}")
    finally:
        for process, _ in servers.values():
            process.terminate()
            process.wait()


if __name__ == "__main__":
    arg = sys.argv[1] if len(sys.argv) > 1 else "300,10000,100000"
    main([int(size) for size in arg.split(",")])
