from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from website.pagination import paginate
from website.text import clean as clean_text

from .query import FACETS, SearchQuery, parse
from .registry import adapters
from .service import Results, Searcher

PER_PAGE = 10
SUGGESTIONS = 8


def facet_links(params, facets, query):
    """Each facet value with its count (None when not counted) and the link that selects or
    clears it."""
    labels = {adapter.kind: adapter.label for adapter in adapters()}
    groups = []
    for param, name in FACETS.items():
        selected = query.filters.get(name)
        values = []
        for value, count in facets.get(name, []):
            link = params.copy()
            link.pop("page", None)
            if value == selected:
                link.pop(param, None)
            else:
                link[param] = str(value)
            values.append(
                {
                    "label": labels.get(value, value) if name == "kind" else value,
                    "count": count,
                    "selected": value == selected,
                    "url": "?" + link.urlencode(),
                }
            )
        if values:
            groups.append({"param": param, "values": values})
    return groups


@require_GET
def search(request):
    query = SearchQuery.from_params(request.GET, kinds=[a.kind for a in adapters()])
    context = {"search_query": query.text, "query": query}
    if query.units:
        results = Results(query)
        context["results"] = paginate(request, results, PER_PAGE)
        context["total"] = results.count()
        context["capped"] = results.capped
        context["engine"] = results.engine_name
        context["facets"] = facet_links(request.GET, results.facets, query)
        if not context["total"]:
            context["did_you_mean"] = results.did_you_mean()
    response = TemplateResponse(request, "search/search.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
@cache_control(max_age=300, public=True)
def suggest(request):
    units = parse(clean_text(request.GET.get("q", ""))[:100])
    found = []
    if units and len(units[-1].folded_text) >= 2:
        found = Searcher().suggest(units, SUGGESTIONS)
    response = JsonResponse({"suggestions": found})
    response["X-Robots-Tag"] = "noindex"
    return response
