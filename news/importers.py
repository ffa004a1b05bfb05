"""The legacy story import: JSON Lines from the office's older system."""

from pathlib import Path

from django.core.files.images import ImageFile
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from website.importing import (
    JsonLinesImporter,
    RowInvalid,
    optional_text,
    parse_aware_datetime,
    parse_flag,
    required_text,
)
from website.pages import default_home
from website.text import nfc

from .services import StoryPublisher, ensure_section

REQUIRED_KEYS = ("id", "title", "section", "published_at")


class ArticleImporter(JsonLinesImporter):
    def validate(self, row):
        for key in REQUIRED_KEYS:
            if row.get(key) in (None, ""):
                raise RowInvalid(_("“%(key)s” is missing or empty") % {"key": key})
        tags = row.get("tags") or []
        if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
            raise RowInvalid(_("“tags” must be a list of words"))
        image = optional_text(row, "image")
        image_path = self.image_path(image) if image else None
        body_html = row.get("body_html") or ""
        if not isinstance(body_html, str):
            raise RowInvalid(_("“body_html” must be text"))
        return {
            "legacy_id": required_text(row, "id", max_length=64),
            "title": required_text(row, "title", max_length=255),
            "lead": optional_text(row, "lead", max_length=1000),
            "body_html": optional_text(row, "body_html"),
            "section": required_text(row, "section", max_length=255),
            "byline": optional_text(row, "author", max_length=255),
            "published_at": parse_aware_datetime(row.get("published_at"), "published_at"),
            "tags": [nfc(tag)[:100] for tag in tags if tag.strip()],
            "image_path": image_path,
            "hero_caption": optional_text(row, "image_caption", max_length=500),
            "for_radio": parse_flag(row.get("for_radio", False), "for_radio"),
            "for_province": parse_flag(row.get("for_province", False), "for_province"),
        }

    def image_path(self, image):
        folder = Path(self.path).resolve().parent
        path = (folder / image).resolve()
        if not path.is_relative_to(folder) or not path.is_file():
            raise RowInvalid(
                _("image file not found next to the import file: %(path)s") % {"path": image}
            )
        try:
            with PILImage.open(path) as picture:
                picture.verify()
        except Exception:
            raise RowInvalid(_("not a readable image: %(path)s") % {"path": image}) from None
        return path

    def check(self, rows):
        if default_home() is None:
            raise RowInvalid(_("the site has no home page yet: run load_demo or create one"))
        seen = {}
        for line, data in rows:
            if data["legacy_id"] in seen:
                error = RowInvalid(
                    _("id %(id)s already appears on line %(line)s")
                    % {"id": data["legacy_id"], "line": seen[data["legacy_id"]]}
                )
                error.line = line
                raise error
            seen[data["legacy_id"]] = line

    def apply(self, rows, report):
        home = default_home()
        sections = {}
        images = {}
        items = []
        for _line, data in rows:
            name = data.pop("section")
            if name not in sections:
                sections[name] = ensure_section(home, name)
            image_path = data.pop("image_path")
            if image_path and not self.dry_run:  # a dry run writes no files
                if image_path not in images:
                    images[image_path] = self.image_for(image_path, data["title"])
                data["hero_image"] = images[image_path]
            items.append((sections[name], data.pop("legacy_id"), data))
        # One publisher per transaction: it locks the sections it adds to until the commit.
        for _story, created in StoryPublisher().publish(items):
            if created:
                report.created += 1
            else:
                report.updated += 1

    def image_for(self, path, title):
        """The image with this file's content, uploaded once however often it is imported."""
        Image = get_image_model()
        with open(path, "rb") as handle:
            digest = hash_filelike(handle)
            existing = Image.objects.filter(file_hash=digest).first()
            if existing:
                return existing
            handle.seek(0)
            return Image.objects.create(
                title=title[:255],
                file=ImageFile(handle, name=path.name),
                file_hash=digest,
                file_size=path.stat().st_size,
            )
