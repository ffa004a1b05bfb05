from documents.importing import DocumentImporter
from website.importing import ImportCommand


class Command(ImportCommand):
    help = "Import official documents from a UTF-8 CSV file with their files beside it."
    importer_class = DocumentImporter
