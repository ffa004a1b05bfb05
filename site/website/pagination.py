from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from django.utils.translation import gettext as _


def paginate(request, items, per_page, count=None):
    """The page of `items` that `?page=` asks for (`count`, when known, spares counting them).

    A missing, malformed or non-positive number means the first page, so an old or mistyped
    link still lands somewhere useful; a number past the end is a 404 rather than a copy of
    the last page.
    """
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    try:
        return paginator.page(max(number, 1))
    except EmptyPage:
        raise Http404(_("This page of the list does not exist.")) from None
