import re

from django import forms
from django.conf import settings
from django.core.validators import validate_email
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from website.ratelimit import count_try

from .models import Feedback

PHONE_RE = re.compile(r"^(\+84|0)\d{8,10}$")


def client_address(request):
    """The reader's address: the one the nearest trusted proxy saw (settings.TRUSTED_PROXY_COUNT
    proxies, nginx and Varnish in production, each append to X-Forwarded-For), else the
    connection's. Entries further left are the client's own say and are never trusted."""
    hops = settings.TRUSTED_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [a for a in forwarded if a]
    if hops and forwarded:
        return forwarded[-min(hops, len(forwarded))]
    return request.META.get("REMOTE_ADDR") or None


class FeedbackForm(forms.ModelForm):
    # Left empty by people (it is hidden); bots that fill every field give themselves away.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    class Meta:
        model = Feedback
        fields = ["name", "contact", "message"]
        widgets = {
            "message": forms.Textarea(attrs={"rows": 5, "maxlength": 2000}),
        }
        error_messages = {
            "name": {"required": _("Please enter your name.")},
            "contact": {"required": _("Please enter an email address or a phone number.")},
            "message": {"required": _("Please write your message.")},
        }

    def __init__(self, *args, article=None, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.request = request

    def clean_contact(self):
        contact = self.cleaned_data["contact"].strip()
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

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if len(message) < 5:
            raise forms.ValidationError(_("The message is too short."))
        return message

    def refuse(self, message):
        """Show `message` without validating (so without counting towards the rate limit)."""
        self._errors = ErrorDict()
        self.cleaned_data = {}
        self.add_error(None, message)

    def is_bot(self):
        return bool(self.data.get("website"))

    def clean(self):
        cleaned = super().clean()
        if self.request is not None and not self.is_bot() and not self.errors:
            limit, window = settings.NEWS_FEEDBACK_RATE
            if count_try(f"news:feedback:{client_address(self.request)}", window) > limit:
                raise forms.ValidationError(
                    _("You have sent several messages recently. Please try again later.")
                )
        return cleaned

    def save(self, commit=True):
        if self.is_bot():
            return None  # pretend it went through; store nothing
        feedback = super().save(commit=False)
        feedback.article = self.article
        feedback.remote_addr = client_address(self.request) if self.request else None
        if commit:
            feedback.save()
        return feedback
