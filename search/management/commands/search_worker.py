import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import InterfaceError, OperationalError, connections

logger = logging.getLogger("search")

# Seconds between attempts while the database is away: doubling from the first to the last.
FIRST_PAUSE, LAST_PAUSE = 1, 30


class Command(BaseCommand):
    help = (
        "Send search index changes to Elasticsearch (django-tasks' db_worker on the search "
        "queue) and outlive the database: when PostgreSQL restarts or goes away, wait and "
        "reconnect instead of exiting. Stops on SIGTERM or SIGINT."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1, help="seconds between polls")

    def handle(self, *args, interval=1, verbosity=1, **options):
        pause = FIRST_PAUSE
        while True:
            started = time.monotonic()
            try:
                # Returns when a signal asks the worker to stop.
                call_command(
                    "db_worker",
                    "--backend=search",  # as an argument: argparse checks it before defaults
                    f"--interval={interval}",
                    "--no-reload",
                    verbosity=verbosity,
                )
                return
            except (OperationalError, InterfaceError) as error:
                if time.monotonic() - started > LAST_PAUSE:
                    pause = FIRST_PAUSE  # a new outage, not the same one going on
                logger.warning(
                    "The search worker lost its database (%s); trying again in %s s.", error, pause
                )
                connections.close_all()
                time.sleep(pause)
                pause = min(pause * 2, LAST_PAUSE)
