from django.core.management import call_command


def run_worker(max_tasks=None):
    """Run the search queue's worker until the queue is empty (or `max_tasks` ran)."""
    args = ["db_worker", "--batch", "--backend", "search", "--no-startup-delay", "-v", "0"]
    if max_tasks:
        args += ["--max-tasks", str(max_tasks)]
    call_command(*args)


def titles(response):
    """The plain titles of the hits on a results page, in order."""
    from django.utils.html import strip_tags

    return [strip_tags(str(hit.title)) for hit in response.context["results"]]


def facet(response, param):
    """A facet's values on a results page, as {label: count}."""
    for group in response.context["facets"]:
        if group["param"] == param:
            return {value["label"]: value["count"] for value in group["values"]}
    return {}
