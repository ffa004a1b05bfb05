"""The station's figures for a period, counted once here for the editors' pages, the CSV and
the .docx: stories received (by unit and commune, by the status each has now), stories
published by section, contributions to the province, programmes aired per slot, and the
office's other records of the period (inventories, commendations); then the yearly report's
paragraph, written from them as the office writes it.

Every figure is one aggregate query: the number of queries does not grow with the records."""

import datetime
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Count, Q, Sum
from django.utils import numberformat, timezone
from django.utils.formats import date_format, get_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from exemplars.choices import AwardLevel, ExemplarKind
from exemplars.models import Commendation
from media.kinds import Kind
from media.models import InventoryItem, InventoryPage
from media.reports import describe_quantities, lower_first
from news.models import ArticlePage

from .models import Channel, Contribution, Programme, Submission, SubmissionStatus


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included."""

    start: datetime.date
    end: datetime.date

    @classmethod
    def year(cls, year):
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @property
    def days(self):
        return (self.end - self.start).days + 1

    @property
    def weeks(self):
        return self.days / 7

    def moments(self):
        """The period as [first moment, first moment after) in the district's time."""
        zone = timezone.get_current_timezone()
        first = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=zone)
        after = datetime.datetime.combine(
            self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
        )
        return first, after

    def years(self):
        return range(self.start.year, self.end.year + 1)

    def label(self):
        return _("from %(start)s to %(end)s") % {
            "start": date_format(self.start, "d/m/Y"),
            "end": date_format(self.end, "d/m/Y"),
        }

    def slug(self):
        return f"{self.start:%Y%m%d}-{self.end:%Y%m%d}"


def number(value):
    """1.195 as the office writes it (Django's Vietnamese formats have the separator but no
    grouping), and a rate with one decimal only when it has one."""
    if isinstance(value, float):
        value = round(value, 1)
        if value.is_integer():
            value = int(value)
    return numberformat.format(
        value,
        get_format("DECIMAL_SEPARATOR"),
        grouping=3,
        thousand_sep=get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )


def upper_first(text):
    return text[:1].upper() + text[1:]


class Table(NamedTuple):
    """One table of the report: the page, the .docx and the CSV are made from these."""

    key: str  # the CSV's first column
    title: str
    header: list
    rows: list  # the first cell names the row, the others are figures
    total: list | None = None


# (name, label, filter) of each count of submissions: all received, those accepted (made a
# story or further), then by the status each has now.
ACCEPTED = [
    SubmissionStatus.EDITING,
    SubmissionStatus.PUBLISHED,
    SubmissionStatus.ON_AIR,
    SubmissionStatus.PROVINCE,
]
SUBMISSION_COUNTS = [
    ("received", gettext_lazy("Received"), Q()),
    ("accepted", gettext_lazy("Accepted"), Q(status__in=ACCEPTED)),
    *(
        (status.value, status.label, Q(status=status))
        for status in (
            SubmissionStatus.PUBLISHED,
            SubmissionStatus.ON_AIR,
            SubmissionStatus.PROVINCE,
            SubmissionStatus.DECLINED,
        )
    ),
]


def submissions_in(period):
    first, after = period.moments()
    return Submission.objects.filter(received_at__gte=first, received_at__lt=after)


def submission_counts(period, field):
    """[(value of `field`, {count name: n}, samples)] for the submissions of the period, most
    received first."""
    counts = {name: Count("pk", filter=condition) for name, _label, condition in SUBMISSION_COUNTS}
    rows = (
        submissions_in(period)
        .values(field)
        .annotate(**counts, samples=Count("pk", filter=Q(is_sample=True)))
        .order_by("-received", field)
    )
    return [(row[field], row, row["samples"]) for row in rows]


def submission_table(key, title, first_column, counted, nobody):
    header = [first_column, *(label for _name, label, _condition in SUBMISSION_COUNTS)]
    rows = [
        [value or nobody, *(counts[name] for name, _label, _condition in SUBMISSION_COUNTS)]
        for value, counts, _samples in counted
    ]
    total = [_("Total"), *(sum(row[i] for row in rows) for i in range(1, len(header)))]
    return Table(key, title, header, rows, total)


class CountsReport:
    """Submissions per unit and per commune in a period (the editors' counts)."""

    def __init__(self, period):
        self.period = period
        self.by_unit = submission_counts(period, "unit")
        self.by_commune = submission_counts(period, "commune__name")

    @property
    def received(self):
        return sum(counts["received"] for _value, counts, _samples in self.by_unit)

    def count(self, name):
        return sum(counts[name] for _value, counts, _samples in self.by_unit)

    @property
    def sample_submissions(self):
        return sum(samples for _value, _counts, samples in self.by_unit)

    def tables(self):
        return [
            submission_table(
                "by_unit",
                _("Stories received, by unit"),
                _("Unit"),
                self.by_unit,
                _("(no unit: correspondents)"),
            ),
            submission_table(
                "by_commune",
                _("Stories received, by commune"),
                _("Commune"),
                self.by_commune,
                _("(no commune)"),
            ),
        ]


class SlotFigures(NamedTuple):
    name: str
    channel: str
    weekly: bool  # a slot on fixed days of the week is said per week
    aired: int
    per_week: float


class WorkReport(CountsReport):
    """The yearly work report of any period."""

    def __init__(self, period):
        super().__init__(period)
        self.sections = self._sections()
        self.contributions = self._contributions()
        self.slots, self.sample_programmes = self._programmes()
        self.campaigns, self.inventory_totals = self._inventories()
        self.commendations, self.sample_commendations = self._commendations()

    # Each a query or two, whatever the number of records.

    def _sections(self):
        first, after = self.period.moments()
        return list(
            ArticlePage.objects.live()
            .filter(published_at__gte=first, published_at__lt=after)
            .values_list("section__title")
            .annotate(stories=Count("pk"))
            .order_by("-stories", "section__title")
        )

    def _contributions(self):
        rows = (
            Contribution.objects.filter(sent_on__range=(self.period.start, self.period.end))
            .values("channel")
            .annotate(
                sent=Count("pk"),
                used=Count("pk", filter=Q(used=True)),
                samples=Count("pk", filter=Q(is_sample=True)),
            )
            .order_by("channel")
        )
        return [(Channel(row["channel"]), row["sent"], row["used"], row["samples"]) for row in rows]

    def _programmes(self):
        rows = (
            Programme.objects.filter(aired=True, date__range=(self.period.start, self.period.end))
            .values("slot__pk", "slot__name", "slot__channel", "slot__days")
            .annotate(aired=Count("pk"), samples=Count("pk", filter=Q(is_sample=True)))
            # District radio first, then the province's channels; slots in the order defined.
            .order_by("slot__channel", "slot__pk")
        )
        slots = [
            SlotFigures(
                row["slot__name"],
                Channel(row["slot__channel"]),
                bool(row["slot__days"]),
                row["aired"],
                row["aired"] / self.period.weeks,
            )
            for row in rows
        ]
        return slots, sum(row["samples"] for row in rows)

    def _inventories(self):
        rows = (
            InventoryItem.objects.filter(
                page__in=InventoryPage.objects.live().public().values("pk"),
                installed_on__range=(self.period.start, self.period.end),
            )
            .values_list("page__title", "kind")
            .annotate(quantity=Sum("quantity"))
            .order_by("page__year", "page__title")
        )
        kinds = list(Kind)
        campaigns, totals = {}, {}
        for title, kind, quantity in rows:
            campaigns.setdefault(title, {})[Kind(kind)] = quantity
            totals[Kind(kind)] = totals.get(Kind(kind), 0) + quantity

        def in_order(by_kind):
            return [(kind, by_kind[kind]) for kind in kinds if kind in by_kind]

        return [(title, in_order(by_kind)) for title, by_kind in campaigns.items()], in_order(
            totals
        )

    def _commendations(self):
        rows = (
            Commendation.objects.filter(
                page__live=True, year__gte=self.period.start.year, year__lte=self.period.end.year
            )
            .values_list("level", "page__kind")
            .annotate(count=Count("pk"), samples=Count("pk", filter=Q(page__is_sample=True)))
            .order_by()
        )
        counts = {}
        samples = 0
        for level, kind, count, sample_count in rows:
            counts.setdefault(AwardLevel(level), {})[ExemplarKind(kind)] = count
            samples += sample_count
        levels = [(level, counts[level]) for level in AwardLevel if level in counts]
        return levels, samples

    # Figures

    @property
    def published_stories(self):
        return sum(stories for _section, stories in self.sections)

    @property
    def contributed(self):
        return sum(sent for _channel, sent, _used, _samples in self.contributions)

    @property
    def contributions_used(self):
        return sum(used for _channel, _sent, used, _samples in self.contributions)

    @property
    def sample_contributions(self):
        return sum(samples for *_rest, samples in self.contributions)

    def tables(self):
        kinds = list(ExemplarKind)
        campaign_kinds = [kind for kind, _quantity in self.inventory_totals]
        return [
            *super().tables(),
            Table(
                "by_section",
                _("Stories published on the site, by section"),
                [_("Section"), _("Stories")],
                [[title or "—", stories] for title, stories in self.sections],
                [_("Total"), self.published_stories],
            ),
            Table(
                "province",
                _("Contributions to the province"),
                [_("Channel"), _("Sent"), _("Used")],
                [[channel.label, sent, used] for channel, sent, used, _s in self.contributions],
                [_("Total"), self.contributed, self.contributions_used],
            ),
            Table(
                "programmes",
                _("Programmes aired, by slot"),
                [_("Slot"), _("Channel"), _("Programmes"), _("Per week")],
                [
                    [slot.name, slot.channel.label, slot.aired, number(slot.per_week)]
                    for slot in self.slots
                ],
            ),
            Table(
                "inventories",
                _("Visual propaganda put up, by campaign"),
                [_("Campaign"), *(kind.label for kind in campaign_kinds)],
                [
                    [title, *(dict(by_kind).get(kind, 0) for kind in campaign_kinds)]
                    for title, by_kind in self.campaigns
                ],
                [_("Total"), *(quantity for _kind, quantity in self.inventory_totals)],
            ),
            Table(
                "commendations",
                _("Commendations on the site"),
                [_("Level"), *(kind.label for kind in kinds), _("Total")],
                [
                    [
                        level.label,
                        *(by_kind.get(kind, 0) for kind in kinds),
                        sum(by_kind.values()),
                    ]
                    for level, by_kind in self.commendations
                ],
            ),
        ]

    def csv_rows(self):
        """One row per figure: table, row, column, value."""
        for table in self.tables():
            for row in [*table.rows, *([table.total] if table.total else [])]:
                for column, value in zip(table.header[1:], row[1:], strict=True):
                    yield (table.title, row[0], column, value)

    # The paragraph

    def _slot_phrase(self, slot):
        name = f"“{slot.name}”"
        if slot.weekly:
            return _("%(name)s %(rate)s times a week") % {
                "name": name,
                "rate": number(slot.per_week),
            }
        phrase = ngettext(
            "%(count)s %(name)s programme", "%(count)s %(name)s programmes", slot.aired
        ) % {"count": number(slot.aired), "name": name}
        if slot.channel != Channel.DISTRICT_RADIO:
            phrase = _("%(programmes)s on %(channel)s") % {
                "programmes": phrase,
                "channel": lower_first(str(slot.channel.label)),
            }
        return phrase

    def sentences(self):
        """The report's paragraph as sentences, from the figures."""
        sentences = []
        stations = ngettext(
            "%(period)s the station received %(received)s story and contributed "
            "%(contributed)s to the provincial station (%(used)s used by it)",
            "%(period)s the station received %(received)s stories and contributed "
            "%(contributed)s to the provincial station (%(used)s used by it)",
            self.received,
        ) % {
            "period": upper_first(self.period.label()),
            "received": number(self.received),
            "contributed": number(self.contributed),
            "used": number(self.contributions_used),
        }
        if self.slots:
            stations += "; " + "; ".join(self._slot_phrase(slot) for slot in self.slots)
        sentences.append(stations + ".")
        sentences.append(
            _(
                "Of the stories received, %(accepted)s were used (%(on_air)s read on air, "
                "%(province)s sent to the province, %(published)s published on the site) and "
                "%(declined)s declined; the site published %(stories)s stories in the period."
            )
            % {
                "accepted": number(self.count("accepted")),
                "on_air": number(self.count(SubmissionStatus.ON_AIR)),
                "province": number(self.count(SubmissionStatus.PROVINCE)),
                "published": number(self.count(SubmissionStatus.PUBLISHED)),
                "declined": number(self.count(SubmissionStatus.DECLINED)),
                "stories": number(self.published_stories),
            }
        )
        if self.inventory_totals:
            sentences.append(
                _("In the period %(quantities)s were put up (%(campaigns)s).")
                % {
                    "quantities": describe_quantities(self.inventory_totals),
                    "campaigns": get_text_list(
                        [f"“{title}”" for title, _by_kind in self.campaigns], _("and")
                    ),
                }
            )
        if self.commendations:
            levels = [
                _("%(level)s level: %(counts)s")
                % {
                    "level": lower_first(str(level.label)),
                    "counts": ", ".join(
                        f"{number(count)} {lower_first(str(kind.label))}"
                        for kind, count in sorted(
                            by_kind.items(), key=lambda item: list(ExemplarKind).index(item[0])
                        )
                    ),
                }
                for level, by_kind in self.commendations
            ]
            sentences.append(
                _("Commendations recorded on the site for %(years)s: %(levels)s.")
                % {
                    "years": "–".join(
                        str(year) for year in sorted({self.period.start.year, self.period.end.year})
                    ),
                    "levels": "; ".join(levels),
                }
            )
        samples = [
            (self.sample_submissions, _("%(count)s stories received")),
            (self.sample_programmes, _("%(count)s programmes")),
            (self.sample_contributions, _("%(count)s contributions")),
            (self.sample_commendations, _("%(count)s commendations")),
        ]
        samples = [text % {"count": number(count)} for count, text in samples if count]
        if samples:
            sentences.append(
                _("Sample data of the demo, not real records: %(samples)s.")
                % {"samples": get_text_list(samples, _("and"))}
            )
        return sentences

    def paragraph(self):
        return " ".join(self.sentences())
