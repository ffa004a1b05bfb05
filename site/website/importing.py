"""One import framework for the story, exemplar and inventory importers.

An importer reads the whole file and validates every row into plain data, then checks the
file as a whole against the database (`check`), all before writing anything: any error is
reported with the line it came from, and a file with an invalid row writes nothing unless the
caller asks to skip invalid rows. Only then are the rows applied, a batch (`batch_size` rows)
per transaction, so an editor publishing into a section the import writes to waits for one
batch at most, never for the whole file. An import that stops half-way (killed, a lost
database) leaves the batches before it written whole and nothing of the one it was in; as
every importer updates by the file's ids, running it again finishes it. A dry run applies
everything in one transaction and rolls it back.
"""

import contextlib
import csv
import datetime
import functools
import json
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, router, transaction
from django.db.models import CharField, TextField
from django.db.models.signals import post_save
from django.utils import translation
from django.utils.dateparse import parse_date as django_parse_date
from django.utils.dateparse import parse_datetime as django_parse_datetime
from django.utils.translation import gettext as _
from modelcluster.models import get_all_child_relations
from modelsearch import index as search_index
from modelsearch.backends import get_search_backends_with_name
from modelsearch.backends.database.postgres.postgres import IndexEntry, ObjectIndexer, PostgresIndex
from modelsearch.signal_handlers import post_save_signal_handler
from modelsearch.utils import get_content_type_pk
from wagtail import hooks
from wagtail.blocks import field_block
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from website.text import match_key, nfc

logger = logging.getLogger(__name__)


class RowInvalid(Exception):
    """A row cannot be imported; the message says why, in the reader's language."""


@dataclass
class RowError:
    line: int
    message: str

    def __str__(self):
        return _("line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class ImportReport:
    read: int = 0
    created: int = 0
    updated: int = 0
    applied: bool = False
    errors: list = field(default_factory=list)


def required_text(row, key, max_length=None):
    value = nfc(row.get(key))
    if not value:
        raise RowInvalid(_("“%(key)s” is missing or empty") % {"key": key})
    if max_length and len(value) > max_length:
        raise RowInvalid(
            _("“%(key)s” is longer than %(max)s characters") % {"key": key, "max": max_length}
        )
    return value


def optional_text(row, key, max_length=None):
    value = nfc(row.get(key))
    if max_length and len(value) > max_length:
        raise RowInvalid(
            _("“%(key)s” is longer than %(max)s characters") % {"key": key, "max": max_length}
        )
    return value


def parse_date(value, key):
    value = nfc(value)
    if not value:
        return None
    try:
        parsed = django_parse_date(value)
    except ValueError:
        parsed = None
    if parsed is None:
        raise RowInvalid(
            _("“%(key)s” is not a date in the form YYYY-MM-DD: %(value)s")
            % {"key": key, "value": value}
        )
    return parsed


def parse_aware_datetime(value, key):
    value = nfc(value)
    try:
        parsed = django_parse_datetime(value) if value else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise RowInvalid(
            _("“%(key)s” is not an ISO 8601 date and time with an offset: %(value)s")
            % {"key": key, "value": value or "—"}
        )
    return parsed.astimezone(datetime.UTC)


def parse_int(value, key, minimum=None, maximum=None):
    """A whole number within the bounds given, or None for an empty cell."""
    text = nfc(value)
    if not text:
        return None
    try:
        number = int(text)
    except ValueError:
        raise RowInvalid(
            _("“%(key)s” is not a whole number: %(value)s") % {"key": key, "value": text}
        ) from None
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise RowInvalid(
            _("“%(key)s” must be between %(min)s and %(max)s: %(value)s")
            % {"key": key, "min": minimum, "max": maximum, "value": number}
        )
    return number


def parse_choice(value, key, choices):
    """The code of `choices` (a TextChoices class) that `value` names: the code itself or its
    label in any of the site's languages, compared by `match_key`."""
    text = nfc(value)
    if not text:
        raise RowInvalid(_("“%(key)s” is missing or empty") % {"key": key})
    wanted = match_key(text)
    for code, label in choices.choices:
        names = {code}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                names.add(str(label))
        if wanted in {match_key(name) for name in names}:
            return code
    raise RowInvalid(
        _("“%(key)s” must be one of %(choices)s, not “%(value)s”")
        % {
            "key": key,
            "choices": ", ".join(f"{code} ({label})" for code, label in choices.choices),
            "value": text,
        }
    )


def parse_flag(value, key):
    if isinstance(value, bool):
        return value
    text = nfc(value).lower()
    if text in {"", "0", "false", "no", "không", "khong"}:
        return False
    if text in {"1", "true", "yes", "có", "co"}:
        return True
    raise RowInvalid(_("“%(key)s” must be true or false") % {"key": key})


@contextlib.contextmanager
def indexing_deferred():
    """Update the indexes once, in bulk, for everything saved inside the block, instead of on
    every save: Wagtail's search index, its reference index and what apps defer through the
    `defer_during_import` hook (the site search).

    Publishing a page saves it several times and every save updated each index, one object at
    a time; an import of thousands of stories spent most of its time there. Only for
    management commands: Wagtail's search signal is disconnected process-wide meanwhile.
    """
    models = [
        m for m in search_index.get_indexed_models() if getattr(m, "search_auto_update", True)
    ]
    touched = defaultdict(set)

    def remember(sender, instance, raw=False, **kwargs):
        if not raw:
            touched[sender].add(instance.pk)

    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    post_save.connect(remember, weak=False, dispatch_uid="website.importing.remember")
    with rich_text_extracted_once():
        try:
            with contextlib.ExitStack() as deferrals:
                deferrals.enter_context(disable_reference_index_auto_update())
                # Apps' own indexes (the site search) defer their work too.
                for defer in hooks.get_hooks("defer_during_import"):
                    deferrals.enter_context(defer())
                yield
        finally:
            post_save.disconnect(dispatch_uid="website.importing.remember")
            for model in models:
                post_save.connect(post_save_signal_handler, sender=model)
        if transaction.get_rollback():
            return  # a dry run or a refused file: nothing was written, nothing to index
        for model, pks in touched.items():
            index_in_bulk(model, pks, searched=model in models)


def index_in_bulk(model, pks, *, searched):
    """Wagtail's search index (if `searched`) and reference index for these objects of
    `model`, a chunk at a time."""
    referenced = ReferenceIndex.is_indexed(model)
    if not (searched or referenced):
        return
    # What the reference index reads of each object's inline children, read per chunk.
    children = [rel.get_accessor_name() for rel in get_all_child_relations(model)]
    pks = sorted(pks)
    for start in range(0, len(pks), 500):
        chunk = model.objects.filter(pk__in=pks[start : start + 500])
        objects = list(chunk.prefetch_related(*children) if referenced else chunk)
        if searched:
            index_for_search(model, objects)
        if referenced:
            index_references(model, objects)


@contextlib.contextmanager
def rich_text_extracted_once():
    """Wagtail's search indexer extracts the text of a rich text block once for each vector it
    builds (five), the site search once more: inside the block, once per distinct source (a
    pure function of it). Process-wide meanwhile, like the signals above."""
    extract = field_block.get_text_for_indexing
    field_block.get_text_for_indexing = functools.lru_cache(maxsize=1024)(extract)
    try:
        yield
    finally:
        field_block.get_text_for_indexing = extract


def index_references(model, objects):
    """`ReferenceIndex.create_or_update_for_object` for many objects of `model` (as loaded by
    `model.objects`): one query reads what is recorded for all of them, one insert adds what
    is new, one delete drops what is gone, instead of those for each object."""
    if not objects:
        return
    content_types = [
        ContentType.objects.get_for_model(m, for_concrete_model=False)
        for m in [model, *model._meta.get_parent_list()]
    ]
    content_type, base_content_type = content_types[0], content_types[-1]
    known = {ct.id for ct in content_types}
    found = {obj.pk: set(ReferenceIndex._extract_references_from_object(obj)) for obj in objects}
    recorded = defaultdict(dict)
    rows = ReferenceIndex.objects.filter(
        base_content_type=base_content_type, object_id__in=[str(pk) for pk in found]
    ).values_list(
        "id",
        "object_id",
        "content_type_id",
        "to_content_type",
        "to_object_id",
        "model_path",
        "content_path",
    )
    for id_, object_id, content_type_id, *reference in rows:
        recorded[object_id][tuple(reference)] = (content_type_id, id_)
    added, gone = [], []
    for pk, references in found.items():
        existing = recorded[str(pk)]
        added += [
            ReferenceIndex(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for to_content_type_id, to_object_id, model_path, content_path in (
                references - existing.keys()
            )
        ]
        # As Wagtail does: a record under a more specific model than this one is not gone.
        gone += [
            id_
            for reference, (content_type_id, id_) in existing.items()
            if reference not in references and content_type_id in known
        ]
    ReferenceIndex.objects.bulk_create(
        added, ignore_conflicts=connection.features.supports_ignore_conflicts
    )
    if gone:
        ReferenceIndex.objects.filter(id__in=gone).delete()


def index_for_search(model, objects):
    """What Wagtail's post_save handler does for each object, in one statement per backend
    for those indexed as `model` itself (Wagtail indexes a page as its specific type)."""
    indexed = list(model.get_indexed_objects().filter(pk__in=[obj.pk for obj in objects]))
    for backend_name, backend in get_search_backends_with_name(with_auto_update=True):
        try:
            index = backend.get_index_for_model(model)
            if isinstance(index, PostgresIndex):
                add_index_entries(index, model, indexed)
            else:
                backend.add_bulk(model, indexed)
        except Exception:
            if not backend.catch_indexing_errors:
                raise
            logger.exception("Could not index %s in the search backend %s", model, backend_name)
    done = {obj.pk for obj in indexed}
    for obj in objects:
        if obj.pk not in done:
            search_index.insert_or_update_object(obj)


def add_index_entries(index, model, objects):
    """modelsearch's `PostgresIndex.add_items`: the same rows by the same statement, but each
    field read once, not once per column (five), and no Django `SearchVector` expression
    compiled per text: 4 ms a story of an import."""
    if not objects or not model.get_search_fields():
        return
    content_type_pk = get_content_type_pk(model)
    rows, params = [], []
    for obj in objects:
        indexer = ObjectIndexer(obj, index.backend)
        title, body, autocomplete = [], [], []
        for search_field in indexer.search_fields:
            for current, weight, value in indexer.prepare_field(obj, search_field):
                if isinstance(current, search_index.AutocompleteField):
                    autocomplete.append((value.strip(), weight))
                elif isinstance(current, search_index.SearchField):
                    texts = title if current.field_name == "title" else body
                    texts.append((value.strip(), weight))
        title_sql, title_params = _tsvector(title, indexer.config)
        autocomplete_sql, autocomplete_params = _tsvector(autocomplete, indexer.autocomplete_config)
        body_sql, body_params = _tsvector(body, indexer.config)
        rows.append(f"(%s, %s, {title_sql}, {autocomplete_sql}, {body_sql}, 1.0, %s, %s)")
        params += [content_type_pk, str(obj.pk), *title_params, *autocomplete_params]
        params += [*body_params, _joined(title), _joined(body)]
    with index.write_connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {IndexEntry._meta.db_table} (content_type_id, object_id, title,
                autocomplete, body, title_norm, title_text, body_text)
            VALUES {", ".join(rows)}
            ON CONFLICT (content_type_id, object_id)
            DO UPDATE SET title = EXCLUDED.title,
                          title_norm = 1.0,
                          autocomplete = EXCLUDED.autocomplete,
                          body = EXCLUDED.body,
                          title_text = EXCLUDED.title_text,
                          body_text = EXCLUDED.body_text
            """,
            params,
        )
    index._refresh_title_norms()  # as add_items ends


def _tsvector(texts, config):
    """SQL and parameters of the vector `ObjectIndexer.as_vector` builds of these texts."""
    texts = [(text, weight) for text, weight in texts if text]
    if not texts:
        return "to_tsvector('')", []
    if config:
        sql = "setweight(to_tsvector(%s::regconfig, %s), %s)"
        params = [value for text, weight in texts for value in (config, text, weight)]
    else:
        sql = "setweight(to_tsvector(%s), %s)"
        params = [value for text, weight in texts for value in (text, weight)]
    return "(" + " || ".join([sql] * len(texts)) + ")", params


def _joined(texts):
    return " ".join(text for text, _weight in texts if text)


def update_in_bulk(model, objects, fields):
    """Django's `bulk_update(objects, fields)` on `model`'s own table (its local columns), as
    one `UPDATE … FROM (VALUES …)`: a row of values per object. `bulk_update` writes a `CASE`
    of every row for each column, whose expressions cost an import more to build than the
    rows do (a third of an update's CPU)."""
    if not objects:
        return
    meta = model._meta
    fields = [meta.get_field(name) for name in fields]
    if any(field not in meta.local_concrete_fields or field.primary_key for field in fields):
        raise ValueError(f"update_in_bulk() writes {model.__name__}'s own columns only")
    using = router.db_for_write(model)
    db = connections[using]
    quote = db.ops.quote_name

    def placeholder(field):
        # PostgreSQL types a VALUES column from its values: cast to the column's type, but
        # text as it is (a cast to varchar(n) would cut a longer value without a word; the
        # assignment refuses it).
        if db.vendor != "postgresql" or isinstance(field, CharField | TextField):
            return "%s"
        return f"%s::{field.cast_db_type(db)}"

    row = "(" + ", ".join(placeholder(field) for field in [meta.pk, *fields]) + ")"
    table = quote(meta.db_table)
    assignments = ", ".join(
        f"{quote(field.column)} = v.column{n}" for n, field in enumerate(fields, start=2)
    )
    with db.cursor() as cursor:
        for start in range(0, len(objects), 500):
            chunk = objects[start : start + 500]
            params = []
            for obj in chunk:
                obj._prepare_related_fields_for_save(operation_name="bulk_update", fields=fields)
                params.append(meta.pk.get_db_prep_save(obj.pk, db))
                params += [
                    field.get_db_prep_save(getattr(obj, field.attname), db) for field in fields
                ]
            cursor.execute(
                f"UPDATE {table} SET {assignments} FROM (VALUES {', '.join([row] * len(chunk))})"
                f" AS v WHERE {table}.{quote(meta.pk.column)} = v.column1",
                params,
            )


class Importer:
    """Subclasses implement `read_rows`, `validate` and `apply`, and may add `check`."""

    batch_size = 50  # rows written per transaction: what an editor may have to wait for

    def __init__(self, path, *, dry_run=False, skip_invalid=False, progress=None):
        self.path = path
        self.dry_run = dry_run
        self.skip_invalid = skip_invalid
        self.progress = progress or (lambda done, total, stage: None)

    def read_rows(self):
        """Yield (line number, raw row); a row that cannot even be read is a RowInvalid."""
        raise NotImplementedError

    def validate(self, raw):
        """Return the row as clean data, or raise RowInvalid."""
        raise NotImplementedError

    def check(self, rows):
        """Refuse the file for what no single row shows (an id twice, nowhere to import into)
        by raising RowInvalid, with `line` set when one line is to blame; writes nothing."""

    def batches(self, rows):
        """The valid rows in the groups written one transaction each."""
        for start in range(0, len(rows), self.batch_size):
            yield rows[start : start + self.batch_size]

    def apply(self, rows, report):
        """Write a batch of valid (line, data) rows; runs inside the batch's transaction."""
        raise NotImplementedError

    def count_lines(self):
        with open(self.path, "rb") as handle:
            return sum(1 for _line in handle)

    def run(self):
        report = ImportReport()
        total = self.count_lines()
        valid = []
        try:
            for line, raw in self.read_rows():
                report.read += 1
                try:
                    if isinstance(raw, RowInvalid):
                        raise raw
                    valid.append((line, self.validate(raw)))
                except RowInvalid as error:
                    report.errors.append(RowError(line, str(error)))
                self.progress(line, total, "read")
        except UnicodeDecodeError:
            report.errors.append(RowError(1, _("the file is not UTF-8 text")))
            return report
        if report.errors and not self.skip_invalid:
            return report
        try:
            self.check(valid)
        except RowInvalid as error:
            report.errors.append(RowError(getattr(error, "line", 1), str(error)))
            return report
        if self.dry_run:
            with transaction.atomic(), indexing_deferred():
                for batch in self.batches(valid):
                    self.apply(batch, report)
                transaction.set_rollback(True)
            return report
        done = 0
        for batch in self.batches(valid):
            with transaction.atomic(), indexing_deferred():
                self.apply(batch, report)
            done += len(batch)
            self.progress(done, len(valid), "write")
        report.applied = True
        return report


class JsonLinesImporter(Importer):
    def read_rows(self):
        with open(self.path, encoding="utf-8") as handle:
            for line, text in enumerate(handle, start=1):
                if not text.strip():
                    continue
                try:
                    row = json.loads(text)
                except json.JSONDecodeError as error:
                    yield line, RowInvalid(_("not valid JSON (%(error)s)") % {"error": error.msg})
                    continue
                if not isinstance(row, dict):
                    yield line, RowInvalid(_("a line must hold one JSON object"))
                    continue
                yield line, row


class CsvImporter(Importer):
    """Rows of a UTF-8 CSV file whose header names at least `columns`; line numbers count
    the header as line 1."""

    columns = ()

    def read_rows(self):
        with open(self.path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [nfc(name).lower() for name in next(reader, [])]
            missing = [name for name in self.columns if name not in header]
            if missing:
                yield (
                    1,
                    RowInvalid(
                        _("the header lacks the columns: %(columns)s")
                        % {"columns": ", ".join(missing)}
                    ),
                )
                return
            start = reader.line_num + 1
            for values in reader:
                line, start = start, reader.line_num + 1
                if not any(value.strip() for value in values):
                    continue
                if len(values) != len(header):
                    yield (
                        line,
                        RowInvalid(
                            _("expected %(expected)s columns, found %(found)s")
                            % {"expected": len(header), "found": len(values)}
                        ),
                    )
                    continue
                yield line, dict(zip(header, values, strict=True))


class ImportCommand(BaseCommand):
    """A management command around an Importer: PATH, --dry-run, --skip-invalid."""

    importer_class = None

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report, write nothing."
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Import the valid rows and report the invalid ones.",
        )

    def handle(self, path, dry_run, skip_invalid, **options):
        try:
            importer = self.importer_class(
                path, dry_run=dry_run, skip_invalid=skip_invalid, progress=self.show_progress
            )
            report = importer.run()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(path)s: %(error)s") % {"path": path, "error": error}
            ) from error
        self.stderr.write("")
        for error in report.errors:
            self.stderr.write(str(error))
        summary = _(
            "%(read)s rows read, %(created)s created, %(updated)s updated, %(errors)s invalid."
        ) % {
            "read": report.read,
            "created": report.created,
            "updated": report.updated,
            "errors": len(report.errors),
        }
        if dry_run and report.errors and not skip_invalid:
            raise CommandError(summary + " " + _("Dry run: nothing was written."))
        if dry_run:
            self.stdout.write(summary + " " + _("Dry run: nothing was written."))
        elif not report.applied:
            raise CommandError(summary + " " + _("Nothing was imported."))
        else:
            self.stdout.write(self.style.SUCCESS(summary))

    def show_progress(self, done, total, stage):
        if done % 500 == 0 or done == total:
            self.stderr.write(f"\r{stage}: {done}/{total}", ending="")
            self.stderr.flush()
