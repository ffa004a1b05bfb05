"""The demo's radio desk: the newsroom's groups may work it, the station's four slots, and
sample records that reproduce the seed story's figures for 2016–2017: 1,195 stories received,
414 contributed to the provincial station, 330 news programmes, 15 “Học tập và làm theo Bác”
programmes, the tax segment 4 times a week and 9 “Trang địa phương” programmes on provincial
television. The records are invented: each is flagged sample data (`is_sample`) and titled
“(dữ liệu mẫu)”, and the work report says how many of its figures they make.

Some 2,400 rows: written with bulk_create, a few queries in all, so `load_demo` stays quick.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from website.models import Commune

from .models import (
    Channel,
    Contribution,
    Programme,
    Slot,
    Submission,
    SubmissionStatus,
    new_tracking_code,
)
from .roles import setup_radio_desk

# The slots name the communes (website) and the desk's groups come from the newsroom (news).
LOAD_AFTER = ("website", "news")

START = datetime.date(2016, 1, 1)
END = datetime.date(2017, 12, 31)
SAMPLE = "(dữ liệu mẫu)"
MORNING = datetime.time(8, 0)

RECEIVED = 1195
TO_PROVINCE = 414
DECLINED_EVERY = 25  # one story in 25 of those not sent on was declined

# (name, channel, minutes, recurrence, days ticked, programmes aired in the two years; None:
# on each of its days)
SLOTS = [
    ("Thời sự", Channel.DISTRICT_RADIO, 30, "lúc 17:00", "", 330),
    ("Học tập và làm theo Bác", Channel.DISTRICT_RADIO, 15, "hằng tháng", "", 15),
    ("Chuyên mục Thuế", Channel.DISTRICT_RADIO, 10, "4 buổi/tuần", "1,2,4,5", None),
    ("Trang địa phương", Channel.PROVINCE_TV, 15, "trên sóng Truyền hình Kiên Giang", "", 9),
]
UNITS = [
    "Hội Nông dân huyện",
    "Hội Liên hiệp Phụ nữ huyện",
    "Huyện đoàn Kiên Lương",
    "Hội Cựu chiến binh huyện",
    "Chi cục Thuế huyện",
    "Phòng Văn hóa và Thông tin huyện",
    "",  # commune correspondents, for no unit
]
SAMPLE_TEXT = (
    "Dữ liệu mẫu minh họa số liệu của Đài Truyền thanh huyện năm 2016–2017 trong bài “Đưa việc "
    "học tập và làm theo Bác trở thành công việc thường xuyên”; không phải tin, bài có thật."
)


def spread(count):
    """`count` days spread evenly over the two years, the first on START."""
    days = (END - START).days + 1
    return [START + datetime.timedelta(days=i * days // count) for i in range(count)]


def weekdays(days):
    """Every day of the two years on the slot's days of the week (Monday is "1")."""
    wanted = {int(day) - 1 for day in days.split(",")}
    day, found = START, []
    while day <= END:
        if day.weekday() in wanted:
            found.append(day)
        day += datetime.timedelta(days=1)
    return found


def ensure_slots():
    slots = []
    for name, channel, minutes, recurrence, days, _count in SLOTS:
        slot, _created = Slot.objects.get_or_create(
            name=name,
            defaults={
                "channel": channel,
                "length_minutes": minutes,
                "recurrence": recurrence,
                "days": days,
            },
        )
        slots.append(slot)
    return slots


def sample_programmes(slots):
    return [
        Programme(slot=slot, date=day, title=f"{slot.name} {SAMPLE}", aired=True, is_sample=True)
        for slot, (*_rest, days, count) in zip(slots, SLOTS, strict=True)
        for day in (weekdays(days) if count is None else spread(count))
    ]


def sample_submissions():
    communes = list(Commune.objects.all())
    moments = spread(RECEIVED)
    submissions = []
    for number in range(RECEIVED):
        # 414 of them evenly among the 1,195: those sent to the province.
        sent = number * TO_PROVINCE // RECEIVED != (number + 1) * TO_PROVINCE // RECEIVED
        declined = not sent and number % DECLINED_EVERY == 0
        status = (
            SubmissionStatus.PROVINCE
            if sent
            else SubmissionStatus.DECLINED
            if declined
            else SubmissionStatus.ON_AIR
        )
        # Eight in the morning, district time (the site's TIME_ZONE).
        received = timezone.make_aware(datetime.datetime.combine(moments[number], MORNING))
        submissions.append(
            Submission(
                code=new_tracking_code(),
                title=f"Tin, bài số {number + 1:04d} {SAMPLE}",
                text=SAMPLE_TEXT,
                author=f"Cộng tác viên {SAMPLE}",
                unit=UNITS[number % len(UNITS)],
                commune=communes[number % len(communes)] if communes else None,
                contact=SAMPLE,
                status=status,
                decline_reason="Trùng nội dung với tin đã phát." if declined else "",
                received_at=received,
                is_sample=True,
            )
        )
    return submissions


@transaction.atomic
def load_samples(slots):
    """The sample records, made again whole unless they are all there (a second run writes
    nothing)."""
    programmes = sample_programmes(slots)
    if (
        Submission.objects.filter(is_sample=True).count() == RECEIVED
        and Programme.objects.filter(is_sample=True).count() == len(programmes)
        and Contribution.objects.filter(is_sample=True).count() == TO_PROVINCE
    ):
        return False
    Contribution.objects.filter(is_sample=True).delete()
    Programme.objects.filter(is_sample=True).delete()
    Submission.objects.filter(is_sample=True).delete()
    Programme.objects.bulk_create(programmes, batch_size=500)
    submissions = Submission.objects.bulk_create(sample_submissions(), batch_size=500)
    Contribution.objects.bulk_create(
        [
            Contribution(
                submission=submission,
                channel=Channel.PROVINCE_RADIO,
                sent_on=min(
                    timezone.localdate(submission.received_at) + datetime.timedelta(days=1), END
                ),
                used=True,
                notes=SAMPLE,
                is_sample=True,
            )
            for submission in submissions
            if submission.status == SubmissionStatus.PROVINCE
        ],
        batch_size=500,
    )
    return True


def load(stdout):
    setup_radio_desk()
    slots = ensure_slots()
    made = load_samples(slots)
    stdout.write(
        _("Radio desk: reporters and the editorial board receive stories and build programmes.")
    )
    if made:
        stdout.write(
            _(
                "Radio desk: %(slots)d slots and the sample records of 2016–2017 (marked as "
                "sample data): %(received)d stories received, %(province)d sent to the province."
            )
            % {"slots": len(slots), "received": RECEIVED, "province": TO_PROVINCE}
        )
