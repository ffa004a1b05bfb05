"""Forms of Wagtail's admin, where Wagtail leaves a label to Django: Django then derives it
from the field's name ("Password"), in English whatever the editor's language
(website.admin_labels mends the others)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    """Wagtail's login form (WAGTAILADMIN_USER_LOGIN_FORM) with its password labelled."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
