from media.importing import InventoryImporter
from website.importing import ImportCommand


class Command(ImportCommand):
    help = "Import items of visual propaganda from a UTF-8 CSV file (see docs/inventories.md)."
    importer_class = InventoryImporter
