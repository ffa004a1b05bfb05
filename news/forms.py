from django import forms
from django.utils.translation import gettext_lazy as _

from website.public_forms import GuardedFormMixin, clean_contact

from .models import Feedback


class FeedbackForm(GuardedFormMixin, forms.ModelForm):
    rate_name = "news:feedback"
    rate_setting = "NEWS_FEEDBACK_RATE"
    rate_message = _("You have sent several messages recently. Please try again later.")

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

    def __init__(self, *args, article=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article

    def clean_contact(self):
        return clean_contact(self.cleaned_data["contact"])

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if len(message) < 5:
            raise forms.ValidationError(_("The message is too short."))
        return message

    def save(self, commit=True):
        if self.is_bot():
            return None  # pretend it went through; store nothing
        feedback = super().save(commit=False)
        feedback.article = self.article
        feedback.remote_addr = self.client_address()
        if commit:
            feedback.save()
        return feedback
