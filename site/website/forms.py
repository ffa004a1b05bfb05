"""Forms of Wagtail's admin, where Wagtail leaves a label to Django: Django then derives it
from the field's name ("Password", "Page"), in English whatever the editor's language."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.admin.forms.workflows import WorkflowPageForm
from wagtail.users.forms import PagePermissionsForm


class LoginForm(WagtailLoginForm):
    """Wagtail's login form (WAGTAILADMIN_USER_LOGIN_FORM) with its password labelled."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")


def label_page_choosers():
    """The page choosers of a group's page permissions and of a workflow's pages."""
    for form in (PagePermissionsForm, WorkflowPageForm):
        form.base_fields["page"].label = _("Page")
