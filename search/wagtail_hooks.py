from wagtail import hooks

from . import indexing

# An import indexes what it wrote once, at the end (website.importing.indexing_deferred).
hooks.register("defer_during_import", indexing.deferred)
