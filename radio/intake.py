"""A submission from receiving it to a draft story in the newsroom's workflow."""

from pathlib import PurePath

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.utils.html import escape
from django.utils.text import Truncator
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.rich_text import RichText

from news.models import ArticlePage
from website.pages import add_child

from .models import Submission, SubmissionFile, SubmissionStatus

# news.ArticlePage.lead holds 1,000 characters; a longer first paragraph gives its first words.
LEAD_LENGTH = 1000
LEAD_WORDS = 60


@transaction.atomic
def receive(submission, photos=(), audio=()):
    """Store a checked submission with its files, all or nothing."""
    submission.save()
    files = [(SubmissionFile.PHOTO, f) for f in photos] + [(SubmissionFile.AUDIO, f) for f in audio]
    for order, (kind, upload) in enumerate(files):
        SubmissionFile.objects.create(
            submission=submission,
            sort_order=order,
            kind=kind,
            file=upload,
            name=PurePath(upload.name).name[:255],
        )
    return submission


def lead_and_body(text):
    """The sender's text as a story's lead (its first paragraph, cut short when it is longer
    than a lead may be, and then kept whole in the body) and rich-text paragraphs."""
    paragraphs = [" ".join(line.split()) for line in text.splitlines()]
    paragraphs = [p for p in paragraphs if p]
    lead = paragraphs[0] if paragraphs else ""
    if len(lead) <= LEAD_LENGTH:
        paragraphs = paragraphs[1:]
    else:
        lead = Truncator(lead).words(LEAD_WORDS)
    return lead, [("paragraph", RichText(f"<p>{escape(p)}</p>")) for p in paragraphs]


def _file_title(submission, upload):
    return Truncator(f"{submission.title} – {upload}").chars(255)


def _image(submission, upload):
    with upload.file.open("rb") as handle:
        image = get_image_model()(
            title=_file_title(submission, upload),
            file=File(handle, name=PurePath(upload.file.name).name),
        )
        image._set_image_file_metadata()
        image.save()
    return image


def _document(submission, upload):
    with upload.file.open("rb") as handle:
        document = get_document_model()(
            title=_file_title(submission, upload),
            file=File(handle, name=PurePath(upload.file.name).name),
        )
        document._set_document_file_metadata()
        document.save()
    return document


@transaction.atomic
def accept(submission, section, user):
    """Make `submission` a draft story in `section`, owned by `user`, with its photos (the
    first as hero image, the others after the text) and its first recording as the story's
    radio audio, and submit it to the section's workflow as the editor's Submit does."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.story_id is not None:
        raise ValueError("already accepted")
    if not section.permissions_for_user(user).can_add_subpage():
        raise PermissionDenied
    photos = [_image(submission, f) for f in submission.photos()]
    audio = submission.audio_files()
    lead, body = lead_and_body(submission.text)
    body += [("image", {"image": image, "caption": "", "credit": ""}) for image in photos[1:]]
    story = ArticlePage(
        title=submission.title,
        lead=lead,
        body=body,
        byline=submission.author,
        contributing_unit=submission.unit or (str(submission.commune or "")),
        hero_image=photos[0] if photos else None,
        radio_audio=_document(submission, audio[0]) if audio else None,
        owner=user,
    )
    add_child(section, story, live=False)
    log(instance=story, action="wagtail.create", user=user)
    story.save_revision(user=user)  # logged as the creation above, as the admin does
    workflow = story.get_workflow()
    if workflow is not None:
        workflow.start(story, user)
    submission.story = story
    submission.status = SubmissionStatus.EDITING
    submission.save(update_fields=["story", "status"])
    return story
