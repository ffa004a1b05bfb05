import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.helpers import png_bytes, wav_bytes
from website.models import Commune

TEXT = (
    "Sáng nay, Hội Cựu chiến binh xã Hòa Điền tổ chức lễ ra mắt mô hình cựu chiến binh "
    "tham gia đội canh phòng, với sự tham dự của đại diện Đảng ủy, Ủy ban nhân dân xã.\n\n"
    "Mô hình có 25 hội viên, chia thành 5 tổ, tuần tra vào ban đêm."
)


@pytest.fixture
def photo():
    return lambda name="anh.png": SimpleUploadedFile(name, png_bytes(), "image/png")


@pytest.fixture
def recording():
    return lambda name="tin.wav", seconds=2: SimpleUploadedFile(
        name, wav_bytes(seconds), "audio/wav"
    )


@pytest.fixture
def commune(db):
    return Commune.objects.create(name="Hòa Điền", slug="hoa-dien")


@pytest.fixture
def story_data(commune):
    return {
        "title": "Cựu chiến binh Hòa Điền tham gia đội canh phòng",
        "text": TEXT,
        "author": "Trần Văn Bình",
        "unit": "Hội Cựu chiến binh xã",
        "commune": commune.pk,
        "contact": "0912 345 678",
    }


@pytest.fixture
def send(client, home):
    """POST the public form as a browser would (from this site, with its CSRF cookie)."""

    def post(data, files=None, **extra):
        client.get("/reader/radio/gui-tin-bai/")
        token = client.cookies["csrftoken"].value
        return client.post(
            "/reader/radio/gui-tin-bai/",
            {**data, **(files or {}), "csrfmiddlewaretoken": token},
            **extra,
        )

    return post


@pytest.fixture
def newsroom(home, section, django_user_model):
    """(a reporter, a board member) of the newsroom set up under `home`, with the radio desk."""
    from django.contrib.auth.models import Group

    from news.roles import BOARD, REPORTERS, setup_newsroom
    from radio.roles import setup_radio_desk

    setup_newsroom(home)
    setup_radio_desk()
    users = []
    for group, name in ((REPORTERS, "phongvien"), (BOARD, "bientap")):
        user = django_user_model.objects.create_user(name, password="pw")
        user.groups.add(Group.objects.get(name=group))
        users.append(user)
    return users


@pytest.fixture
def submission(send, story_data, photo, recording):
    from radio.models import Submission

    files = {"photos": [photo("a.png"), photo("b.png")], "audio": [recording()]}
    assert send(story_data, files).status_code == 302
    return Submission.objects.get()


@pytest.fixture
def news_slot(db):
    from radio.models import Slot

    return Slot.objects.create(
        name="Thời sự", length_minutes=15, recurrence="hằng ngày lúc 17:00", days="1,2,3,4,5"
    )


@pytest.fixture
def aired(news_slot):
    """An aired programme of `news_slot` on `date`, with a WAV recording `seconds` long."""
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from radio.models import Programme

    def make(date, seconds=3, slot=None, **fields):
        recording = Document.objects.create(
            title=f"Ghi âm {date}", file=ContentFile(wav_bytes(seconds), name="ghi-am.wav")
        )
        return Programme.objects.create(
            slot=slot or news_slot, date=date, aired=True, recording=recording, **fields
        )

    return make


@pytest.fixture
def editor(client, newsroom):
    """A member of the editorial board, signed in."""
    client.force_login(newsroom[1])
    return newsroom[1]
