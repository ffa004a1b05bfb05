from django.urls import path, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import citations
from .citations import known_links
from .linking import link_documents
from .views import MissingDocumentsReport

# An import records the citations of each batch together (website.importing).
hooks.register("defer_during_import", citations.deferred)


@hooks.register("filter_body_html")
def link_known_documents(html):
    """References to documents in the library become links (website_tags.body_html). A body
    citing nothing leaves the library's links unread: most stories cite no document, and
    reading them is a query on a page rendered afresh."""
    return link_documents(html, SimpleLazyObject(known_links))


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/missing-documents/",
            MissingDocumentsReport.as_view(),
            name="documents_missing",
        ),
        path(
            "reports/missing-documents/results/",
            MissingDocumentsReport.as_view(results_only=True),
            name="documents_missing_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return MenuItem(
        _("Documents cited but missing"),
        reverse("documents_missing"),
        name="missing-documents",
        icon_name="doc-full",
        order=1300,
    )
