import datetime
import logging

from django.conf import settings
from django.utils import timezone
from django_tasks import task, task_backends

from .elastic import UNAVAILABLE, push_pending

logger = logging.getLogger(__name__)


@task(backend="search")
def push_to_elasticsearch():
    """Send every pending change to Elasticsearch.

    If it is down the task fails, the changes stay pending, and (on a queue that can defer)
    another push is queued for later, so nothing waits for the next edit to go out.
    """
    try:
        push_pending()
    except UNAVAILABLE as error:
        logger.warning("Elasticsearch is unavailable, search changes stay pending: %s", error)
        if task_backends[push_to_elasticsearch.backend].supports_defer:
            delay = datetime.timedelta(seconds=settings.SEARCH_RETRY_SECONDS)
            push_to_elasticsearch.using(run_after=timezone.now() + delay).enqueue()
        raise
