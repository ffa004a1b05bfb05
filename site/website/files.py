"""Files that routable pages offer (`…/thong-ke.csv`, `…/bao-cao/2017.csv`): their address
and their response. Wagtail's page addresses cannot hold a dot, so website/urls.py hands
`….csv` to Wagtail's serve view, which routes it to the page."""

import csv

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def file_url(page, route, **kwargs):
    """The reader's address of `page`'s file route `route`: Wagtail routes see every path with
    a trailing slash, readers should not."""
    return page.url + page.reverse_subpage(route, kwargs=kwargs or None).rstrip("/")


def csv_response(filename, header, rows, *, byte_order_mark=False):
    """A CSV download of `header` then `rows`. `byte_order_mark` makes spreadsheet programs
    read the Vietnamese as UTF-8."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    if byte_order_mark:
        response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response
