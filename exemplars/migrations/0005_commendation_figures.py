"""Each exemplar keeps its number of commendations and the year of the latest (the list's cards
show and order by them): added, then counted for the exemplars already written."""

from django.db import migrations, models
from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce


def count_commendations(apps, schema_editor):
    ExemplarPage = apps.get_model("exemplars", "ExemplarPage")
    Commendation = apps.get_model("exemplars", "Commendation")
    per_page = Commendation.objects.filter(page=OuterRef("pk")).order_by().values("page")
    ExemplarPage.objects.update(
        commendation_count=Coalesce(Subquery(per_page.annotate(n=Count("pk")).values("n")), 0),
        latest_year=Subquery(per_page.annotate(year=Max("year")).values("year")),
    )


class Migration(migrations.Migration):

    dependencies = [
        ("exemplars", "0004_body"),
    ]

    operations = [
        migrations.AddField(
            model_name="exemplarpage",
            name="commendation_count",
            field=models.PositiveIntegerField(
                default=0, editable=False, verbose_name="number of commendations"
            ),
        ),
        migrations.AddField(
            model_name="exemplarpage",
            name="latest_year",
            field=models.PositiveSmallIntegerField(
                blank=True, editable=False, null=True, verbose_name="year of the latest commendation"
            ),
        ),
        migrations.RunPython(count_commendations, migrations.RunPython.noop),
    ]
