from django.core.management.base import BaseCommand, CommandError

from search import checking


class Command(BaseCommand):
    help = (
        "Compare what each search engine holds with what readers may find; with --fix, put "
        "the differences right. Exits with status 1 when it finds differences it did not fix."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="repair the differences found")

    def handle(self, *args, fix=False, **options):
        differences = checking.compare()
        for difference in differences:
            self.stdout.write(
                f"{difference.engine.name}: {len(difference.missing)} missing, "
                f"{len(difference.extra)} that should not be found"
            )
            for kind, pk in sorted(difference.missing)[:20]:
                self.stdout.write(f"  missing {kind} {pk}")
            for kind, pk in sorted(difference.extra)[:20]:
                self.stdout.write(f"  extra {kind} {pk}")
        if not any(differences):
            return
        if not fix:
            raise CommandError("the search index differs; run again with --fix", returncode=1)
        checking.repair(differences)
        left = [difference for difference in checking.compare() if difference]
        if left:
            counts = ", ".join(
                f"{d.engine.name} {len(d.missing)} missing, {len(d.extra)} extra" for d in left
            )
            raise CommandError(f"still different after repair: {counts}")
        self.stdout.write("repaired")
