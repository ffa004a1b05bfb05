"""The shared StreamField is called `body` in every app.

Revisions keep a page's content as JSON under the field's name: they are renamed too, so that a
draft or an old revision opened after the upgrade still has its text.
"""

from django.db import migrations


def rename_in_revisions(old, new):
    def run(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        Revision = apps.get_model("wagtailcore", "Revision")
        content_type = ContentType.objects.filter(app_label="media", model="inventorypage").first()
        if content_type is None:
            return
        revisions = Revision.objects.filter(content_type=content_type)
        for revision in revisions.iterator():
            if old in revision.content:
                revision.content[new] = revision.content.pop(old)
                revision.save(update_fields=["content"])

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("media", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(model_name="inventorypage", old_name="description", new_name="body"),
        migrations.RunPython(
            rename_in_revisions("description", "body"), rename_in_revisions("body", "description")
        ),
    ]
