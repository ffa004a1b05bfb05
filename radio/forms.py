"""The public forms of the radio desk: sending a story in, looking up its tracking code.

Both face the open internet with the defences of every public form (website.public_forms,
as the reader feedback): a honeypot field, a per-address rate limit, and Django's CSRF check
(the pages are past the front cache, under /reader/).
"""

from pathlib import PurePath
from types import SimpleNamespace

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from website.feeds import audio_seconds
from website.images import DecodedImageField
from website.models import Commune
from website.public_forms import GuardedFormMixin, clean_contact, contact_field
from website.text import clean

from .models import Submission, normalise_code


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by `check_file`."""

    def __init__(self, *args, max_files, **kwargs):
        self.max_files = max_files
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, required=False, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > self.max_files:
            raise forms.ValidationError(
                _("Send at most %(count)d files here.") % {"count": self.max_files}
            )
        errors, cleaned = [], []
        for upload in files:
            try:
                cleaned.append(self.check_file(upload))
            except forms.ValidationError as error:
                errors += [
                    forms.ValidationError(f"{upload.name}: {message}") for message in error.messages
                ]
        if errors:
            raise forms.ValidationError(errors)
        return cleaned

    def check_file(self, upload):
        return super().clean(upload)


class PhotoField(MultipleFileField):
    """Photos, each decoded whole as the image library's own upload form does."""

    def check_file(self, upload):
        return DecodedImageField().clean(upload)


class AudioField(MultipleFileField):
    not_audio = _("This file is not a recording that can be played (MP3, M4A, OGG or WAV).")

    def check_file(self, upload):
        upload = super().check_file(upload)
        if PurePath(upload.name).suffix.lower().lstrip(".") not in settings.RADIO_AUDIO_EXTENSIONS:
            raise forms.ValidationError(self.not_audio)
        limit = settings.RADIO_MAX_AUDIO_SIZE
        if upload.size > limit:
            raise forms.ValidationError(
                _("This file is too big (%(size)s). The maximum is %(max)s.")
                % {"size": filesizeformat(upload.size), "max": filesizeformat(limit)}
            )
        # Read by the same function that times the radio feed's recordings, on a copy:
        # it closes what it reads.
        copy = ContentFile(upload.read(), name=upload.name)
        upload.seek(0)
        if audio_seconds(SimpleNamespace(file=copy)) is None:
            raise forms.ValidationError(self.not_audio)
        return upload


class SubmissionForm(GuardedFormMixin, forms.Form):
    rate_name = "radio:submit"
    rate_setting = "RADIO_SUBMISSION_RATE"
    rate_message = _("You have sent several stories recently. Please try again later.")

    title = forms.CharField(label=_("Title"), max_length=255)
    text = forms.CharField(
        label=_("Text of the story"), max_length=30_000, widget=forms.Textarea(attrs={"rows": 12})
    )
    author = forms.CharField(label=_("Author"), max_length=120)
    unit = forms.CharField(label=_("Unit"), max_length=200, required=False)
    commune = forms.ModelChoiceField(
        label=_("Commune"), queryset=Commune.objects.all(), required=False
    )
    contact = contact_field(
        label=_("Email or phone"), help_text=_("So that the office can reach you about the story.")
    )
    photos = PhotoField(label=_("Photos"), max_files=10)
    audio = AudioField(label=_("Audio files"), max_files=3)

    field_order = ["title", "text", "author", "unit", "commune", "contact", "photos", "audio"]

    error_messages = {
        "title": _("Please give the story a title."),
        "text": _("Please write or paste the text of the story."),
        "author": _("Please give the author's name."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in self.error_messages.items():
            self.fields[name].error_messages["required"] = message

    def clean_contact(self):
        return clean_contact(self.cleaned_data["contact"])

    def clean_text(self):
        text = clean(self.cleaned_data["text"]).strip()
        if len(text.split()) < 20:
            raise forms.ValidationError(_("The text is too short for a story."))
        return text

    def save(self):
        """The new submission, its files stored; None for a bot (which is told it worked)."""
        from .intake import receive

        if self.is_bot():
            return None
        fields = {k: self.cleaned_data[k] for k in ("title", "author", "unit", "commune")}
        return receive(
            Submission(
                **fields,
                text=self.cleaned_data["text"],
                contact=self.cleaned_data["contact"],
                remote_addr=self.client_address(),
            ),
            photos=self.cleaned_data["photos"],
            audio=self.cleaned_data["audio"],
        )


class TrackingForm(GuardedFormMixin, forms.Form):
    rate_name = "radio:track"
    rate_setting = "RADIO_LOOKUP_RATE"
    rate_message = _("You have looked up many codes recently. Please try again later.")

    honeypot = False  # a lookup is a GET: nothing to trap

    code = forms.CharField(
        label=_("Tracking code"),
        max_length=40,
        error_messages={"required": _("Please enter the tracking code you were given.")},
    )

    def clean_code(self):
        return normalise_code(self.cleaned_data["code"])
