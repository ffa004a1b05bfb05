from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import MissingDocumentsReport


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
