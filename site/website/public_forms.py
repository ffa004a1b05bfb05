"""What every form open to the public shares (reader feedback, stories sent to the radio desk):
a trap for bots, a per-address rate limit, and contact details a person can be reached at.

Django's CSRF check is the views' part; the rate limit counts at the address the nearest
trusted proxy saw (`website.ratelimit.client_address`).
"""

import re

from django import forms
from django.conf import settings
from django.core.validators import validate_email
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from .ratelimit import client_address, count_try

PHONE_RE = re.compile(r"^(\+84|0)\d{8,10}$")
HONEYPOT = "website"


def contact_field(**kwargs):
    """An e-mail address or a Vietnamese phone number (cleaned by `clean_contact`)."""
    kwargs.setdefault(
        "error_messages", {"required": _("Please enter an email address or a phone number.")}
    )
    return forms.CharField(max_length=255, **kwargs)


def clean_contact(value):
    """The phone number without its spaces, dots and dashes, or the e-mail address."""
    contact = value.strip()
    phone = re.sub(r"[\s.\-()]", "", contact)
    if PHONE_RE.match(phone):
        return phone
    try:
        validate_email(contact)
    except forms.ValidationError:
        raise forms.ValidationError(
            _("Enter a valid email address or a Vietnamese phone number.")
        ) from None
    return contact


class GuardedFormMixin:
    """For a Form or ModelForm open to the public, given `request=`: a hidden field people
    leave empty and bots fill (`is_bot`: the view pretends success and stores nothing), and
    at most `rate` = (tries, seconds) from a settings name per address, counted only for
    forms that are otherwise valid. `refuse()` shows a message without counting a try."""

    rate_name = ""  # the counter's name, before the address
    rate_setting = ""  # the settings name of (tries, seconds)
    rate_message = ""
    honeypot = True

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        if self.honeypot:
            self.fields[HONEYPOT] = forms.CharField(
                required=False, label=_("Leave this field empty")
            )

    def is_bot(self):
        return self.honeypot and bool(self.data.get(HONEYPOT))

    def refuse(self, message):
        """Show `message` without validating (so without counting towards the rate limit)."""
        self._errors = ErrorDict()
        self.cleaned_data = {}
        self.add_error(None, message)

    def client_address(self):
        return client_address(self.request) if self.request is not None else None

    def clean(self):
        cleaned = super().clean()
        if self.request is not None and not self.is_bot() and not self.errors:
            limit, window = getattr(settings, self.rate_setting)
            if count_try(f"{self.rate_name}:{self.client_address()}", window) > limit:
                raise forms.ValidationError(self.rate_message)
        return cleaned
