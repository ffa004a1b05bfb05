"""Labels of Wagtail's admin that never reach a catalogue, put in the site's language.

Where Wagtail leaves a label to Django or to a field's name, it is derived in English whatever
the editor's language ("Page", "Port", "Site name"); and Django stores permission names in
English ("Can add page"), which the group screen shows. docs/glossary.md.
"""

from django.conf import settings
from django.contrib.auth.models import Permission
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.workflows import WorkflowPageForm
from wagtail.models import Site
from wagtail.sites.views import IndexView as SiteIndexView
from wagtail.users.forms import PagePermissionsForm

# Django's own permissions, one per action on every model.
ACTIONS = {
    "add": _("Add %(name)s"),
    "change": _("Edit %(name)s"),
    "delete": _("Delete %(name)s"),
    "view": _("View %(name)s"),
}

# Wagtail's own permission names that its catalogue lacks (the group screen translates them).
gettext_noop("Can choose image")
gettext_noop("Can choose document")


def label_page_choosers():
    """The page choosers of a group's page permissions and of a workflow's pages."""
    for form in (PagePermissionsForm, WorkflowPageForm):
        form.base_fields["page"].label = _("Page")


def label_site_columns():
    """Settings → Sites names three columns after their fields: give them the fields' own
    (translated) verbose names instead."""
    for column in SiteIndexView.columns:
        if column.label == capfirst(column.name.replace("_", " ")):
            column.label = capfirst(Site._meta.get_field(column.name).verbose_name)


def permission_name(permission):
    action, _sep, model_name = permission.codename.partition("_")
    model = permission.content_type.model_class()
    if action in ACTIONS and model is not None and model_name == model._meta.model_name:
        return capfirst(ACTIONS[action] % {"name": model._meta.verbose_name})
    # Wagtail's own permissions ("Publish any page") are catalogue messages.
    return gettext(permission.name)


def name_permissions(using, app_label):
    """The permissions of an app named in the site's language; writes only the names that
    change."""
    permissions = Permission.objects.using(using).filter(content_type__app_label=app_label)
    with translation.override(settings.LANGUAGE_CODE):
        changed = []
        for permission in permissions.select_related("content_type"):
            name = permission_name(permission)[: Permission._meta.get_field("name").max_length]
            if name != permission.name:
                permission.name = name
                changed.append(permission)
        Permission.objects.using(using).bulk_update(changed, ["name"])
