from wagtail.admin.forms import WagtailAdminPageForm

from . import files


class DocumentPageForm(WagtailAdminPageForm):
    """Reads the text of the attached PDFs when the editor saves, so that a damaged file is
    refused next to that file, with its name, rather than failing later."""

    def clean(self):
        cleaned_data = super().clean()
        texts = []
        for form in self.formsets["files"].forms:
            if not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            document = form.cleaned_data.get("document")
            if document is None:
                continue
            try:
                texts.append(files.pdf_text(document))
            except files.UnreadableFile as error:
                form.add_error("document", str(error))
        self.instance.file_text = "\n\n".join(text for text in texts if text)
        return cleaned_data
