"""The editors' reports (Báo cáo menu): submissions per unit and commune, and the yearly work
report as a page, CSV and an editable .docx, for any period. The figures come from
radio/report.py."""

import io

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from docx import Document as WordDocument
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateInput

from website.files import csv_response

from .report import CountsReport, Period, WorkReport

# A report over more years than this is a typing mistake (20170 for 2017), not a request.
MAX_REPORT_YEARS = 20


class PeriodForm(forms.Form):
    """The period of a report, from GET: both days included, this year when none is given."""

    start = forms.DateField(
        label=gettext_lazy("from"),
        widget=AdminDateInput,
        error_messages={
            "invalid": gettext_lazy("Enter a date as day/month/year, for example 01/01/2017.")
        },
    )
    end = forms.DateField(
        label=gettext_lazy("to"),
        widget=AdminDateInput,
        error_messages={
            "invalid": gettext_lazy("Enter a date as day/month/year, for example 31/12/2017.")
        },
    )

    def __init__(self, data, **kwargs):
        if not data.get("start") and not data.get("end"):
            this_year = timezone.localdate().year
            data = {"start": f"01/01/{this_year}", "end": f"31/12/{this_year}"}
        super().__init__(data, **kwargs)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(
                    {"end": _("The end of the period cannot be before its start.")}
                )
            if end.year - start.year >= MAX_REPORT_YEARS:
                raise forms.ValidationError(
                    _("A report covers at most %(years)d years.") % {"years": MAX_REPORT_YEARS}
                )
        return cleaned

    def period(self):
        return Period(self.cleaned_data["start"], self.cleaned_data["end"])


class ReportMixin(WagtailAdminTemplateMixin):
    """A report of the radio desk over the period in the query string; a period that makes no
    sense is answered, in Vietnamese, with the form and no figures (400)."""

    report_class = CountsReport
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("radio.view_submission"):
            raise PermissionDenied
        self.form = PeriodForm(request.GET)
        self.report = self.report_class(self.form.period()) if self.form.is_valid() else None
        return super().dispatch(request, *args, **kwargs)


class ReportPageView(ReportMixin, TemplateView):
    template_name = "radio/report.html"
    url_name = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(form=self.form, report=self.report, **kwargs)
        if self.report is not None:
            context["tables"] = self.report.tables()
        return context

    def render_to_response(self, context, **kwargs):
        status = 200 if self.report is not None else 400
        return super().render_to_response(context, status=status, **kwargs)

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]


class CountsReportView(ReportPageView):
    page_title = gettext_lazy("Stories received per unit and commune")


class WorkReportView(ReportPageView):
    page_title = gettext_lazy("Work report of the radio station")
    report_class = WorkReport

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.report is not None:
            query = self.request.GET.urlencode()
            context["csv_url"] = f"{reverse('radio_work_report_csv')}?{query}"
            context["docx_url"] = f"{reverse('radio_work_report_docx')}?{query}"
        return context


class WorkReportFileView(ReportMixin, TemplateView):
    """The work report as a file; without a valid period, the page says why."""

    report_class = WorkReport
    template_name = "radio/report.html"
    page_title = WorkReportView.page_title

    def get(self, request, *args, **kwargs):
        if self.report is None:
            return self.render_to_response(self.get_context_data(form=self.form), status=400)
        return self.file(self.report, f"bao-cao-dai-truyen-thanh-{self.report.period.slug()}")


class WorkReportCsvView(WorkReportFileView):
    def file(self, report, name):
        header = [_("Table"), _("Row"), _("Column"), _("Value")]
        return csv_response(f"{name}.csv", header, report.csv_rows(), byte_order_mark=True)


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class WorkReportDocxView(WorkReportFileView):
    def file(self, report, name):
        response = HttpResponse(word_document(report), content_type=DOCX_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, f"{name}.docx")
        return response


def word_document(report):
    """The report as a .docx the office edits: heading, the paragraph, then each table."""
    document = WordDocument()
    document.core_properties.title = str(WorkReportView.page_title)
    document.core_properties.language = "vi-VN"
    document.add_heading(str(WorkReportView.page_title), level=1)
    document.add_paragraph(report.period.label())
    for sentence in report.sentences():
        document.add_paragraph(sentence)
    for table in report.tables():
        document.add_heading(table.title, level=2)
        rows = [*table.rows, *([table.total] if table.total else [])]
        grid = document.add_table(rows=1 + len(rows), cols=len(table.header))
        grid.style = "Table Grid"
        for cells, values in zip(grid.rows, [table.header, *rows], strict=True):
            for cell, value in zip(cells.cells, values, strict=True):
                cell.text = str(value)
    document.add_paragraph(
        _("Made by the site on %(date)s from its records.")
        % {"date": timezone.localdate().strftime("%d/%m/%Y")}
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
