from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from django.utils.translation import gettext as _

from . import fragments


def paginate(request, items, per_page, counted_as=None):
    """The page of `items` that `?page=` asks for.

    Counting a list reads every row it holds; with `counted_as` (a name for this list and its
    filters), the count is kept until the content changes.

    A missing, malformed or non-positive number means the first page, so an old or mistyped
    link still lands somewhere useful; a number past the end is a 404 rather than a copy of
    the last page.
    """
    paginator = Paginator(items, per_page)
    if counted_as is not None:
        paginator.count = fragments.cached(f"count:{counted_as}", items.count)
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    try:
        return paginator.page(max(number, 1))
    except EmptyPage:
        raise Http404(_("This page of the list does not exist.")) from None
