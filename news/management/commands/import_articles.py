from news.importers import ArticleImporter
from website.importing import ImportCommand


class Command(ImportCommand):
    help = (
        "Import stories from the old system (JSON Lines: id, title, lead, body_html, section, "
        "author, published_at, tags, image, image_caption, for_radio, for_province). "
        "Re-running updates stories by id."
    )
    importer_class = ArticleImporter
