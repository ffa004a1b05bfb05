from exemplars.importing import ExemplarImporter
from website.importing import ImportCommand


class Command(ImportCommand):
    help = (
        "Import exemplars and their commendations from a UTF-8 CSV file (one row per "
        "commendation; rows sharing an id are one exemplar). Idempotent by id."
    )
    importer_class = ExemplarImporter
