from django import forms
from django.utils.dates import WEEKDAYS as DJANGO_WEEKDAYS
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

# Django's own names (its catalogue's "Thứ 2"…, as the site writes dates), Monday as "1".
WEEKDAYS = [(str(number + 1), name) for number, name in DJANGO_WEEKDAYS.items()]


class SlotForm(WagtailAdminModelForm):
    """Days of the week as boxes to tick, kept as "1,3,5" (Monday is 1)."""

    days = forms.MultipleChoiceField(
        label=_("days of the week"),
        choices=WEEKDAYS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The days it is on air, if it has fixed days."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["days"] = self.instance.day_list()

    def clean_days(self):
        return ",".join(sorted(self.cleaned_data["days"]))
