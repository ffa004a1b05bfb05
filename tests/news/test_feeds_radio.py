"""The radio station's feed: plain text to read on air, reading time, recordings as podcast."""

import io
import wave

import factory
import pytest
import wagtail_factories
from lxml import html as lxml_html
from wagtail.rich_text import RichText

from tests.helpers import feed_titles

BODY_HTML = (
    "<p>Năm 2017, huyện khen thưởng <b>30 tập thể</b> và <i>47 cá nhân</i>; "
    '<a href="https://kiengiang.gov.vn/">tỉnh</a> tặng bằng khen 3 tập thể.</p>'
    "<ul><li>Hũ gạo tình thương</li><li>Nuôi heo đất</li></ul>"
)


def story_body(image, document):
    return [
        ("paragraph", RichText(BODY_HTML)),
        ("heading", {"text": "Những mô hình tiêu biểu"}),
        ("image", {"image": image, "caption": "Lễ tuyên dương năm 2017", "credit": "Kim Thư"}),
        (
            "quote",
            {"text": "Thi đua là yêu nước,\nyêu nước thì phải thi đua.", "attribution": "Bác Hồ"},
        ),
        ("document", {"document": document, "title": "Quyết định khen thưởng"}),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_radio_feed_is_plain_text_without_captions(read_feed, make_story, fmt):
    image = wagtail_factories.ImageFactory(title="Ảnh lễ tuyên dương")
    document = wagtail_factories.DocumentFactory(title="Quyết định")
    make_story(
        title="Tuyên dương gương người tốt việc tốt",
        lead="Huyện tuyên dương 47 cá nhân.",
        body=story_body(image, document),
        for_radio=True,
    )
    make_story(title="Không gửi đài", for_radio=False)
    feed = read_feed(f"/feeds/radio.{fmt}")
    assert feed_titles(feed) == ["Tuyên dương gương người tốt việc tốt"]
    entry = feed.entries[0]
    spoken = [
        "Thời lượng đọc ước tính: 1 phút.",
        "Huyện tuyên dương 47 cá nhân.",
        "Năm 2017, huyện khen thưởng 30 tập thể và 47 cá nhân; tỉnh tặng bằng khen 3 tập thể.",
        "Hũ gạo tình thương",
        "Nuôi heo đất",
        "Những mô hình tiêu biểu",
        "Thi đua là yêu nước, yêu nước thì phải thi đua. — Bác Hồ",
    ]
    # A reader that shows the full text shows one paragraph per <p>, nothing else in it.
    content = lxml_html.fragment_fromstring(entry.content[0].value, create_parent="div")
    assert [p.text_content() for p in content] == spoken
    assert {element.tag for element in content} == {"p"}
    if fmt == "rss":
        # The plain-text description keeps them apart with blank lines.
        assert entry.description.split("\n\n") == spoken
        assert "<" not in entry.description and "&" not in entry.description
    text = entry.content[0].value
    assert "Lễ tuyên dương" not in text and "Kim Thư" not in text
    assert "Quyết định" not in text


@pytest.mark.django_db
def test_reading_time_counts_the_words_at_200_a_minute(read_feed, make_story):
    words = " ".join(["tiếng"] * 450)
    make_story(
        title="Bài dài",
        lead="Mở đầu.",
        body=[("paragraph", RichText(f"<p>{words}</p>"))],
        for_radio=True,
    )
    entry = read_feed("/feeds/radio.rss").entries[0]
    assert entry.description.startswith("Thời lượng đọc ước tính: 3 phút.\n\n")
    # An estimate is not a recording's length: without a recording there is no duration.
    assert "itunes_duration" not in entry


def wav(seconds, rate=8000):
    """A silent mono WAV file of `seconds`, as a recording program would write it."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\0\0" * int(seconds * rate))
    return buffer.getvalue()


@pytest.mark.django_db
def test_duration_is_the_recordings_own_length_and_the_estimate_stays_in_the_text(
    read_feed, make_story
):
    audio = wagtail_factories.DocumentFactory(
        title="Bản tin 5 giây",
        file=factory.django.FileField(filename="ban-tin.wav", data=wav(5.2)),
    )
    words = " ".join(["tiếng"] * 450)
    make_story(
        title="Bài dài có bản ghi",
        lead="Mở đầu.",
        body=[("paragraph", RichText(f"<p>{words}</p>"))],
        radio_audio=audio,
        for_radio=True,
    )
    entry = read_feed("/feeds/radio.rss").entries[0]
    assert entry.itunes_duration == "5"
    assert entry.description.startswith("Thời lượng đọc ước tính: 3 phút.\n\n")


@pytest.mark.django_db
def test_an_unreadable_recording_goes_out_without_a_duration(read_feed, make_story):
    audio = wagtail_factories.DocumentFactory(
        title="Hỏng",
        file=factory.django.FileField(filename="hong.mp3", data=b"not audio at all"),
    )
    make_story(title="Bản ghi hỏng", radio_audio=audio, for_radio=True)
    entry = read_feed("/feeds/radio.rss").entries[0]
    assert "itunes_duration" not in entry
    assert len(entry.enclosures) == 1


@pytest.mark.django_db
def test_a_recording_is_an_enclosure_a_podcast_client_can_play(read_feed, make_story):
    audio = wagtail_factories.DocumentFactory(
        title="Bản tin 15/01",
        file=factory.django.FileField(filename="ban-tin.mp3", data=b"ID3" + b"\0" * 2045),
    )
    make_story(title="Có bản ghi âm", radio_audio=audio, for_radio=True)
    make_story(title="Chưa có bản ghi âm", for_radio=True)
    feed = read_feed("/feeds/radio.rss")
    assert "itunes" in feed.namespaces
    assert [tag.term for tag in feed.feed.tags] == ["News & Politics"]
    assert feed.feed.author == "Ban Tuyên giáo Huyện ủy Kiên Lương"
    with_audio = next(e for e in feed.entries if e.title == "Có bản ghi âm")
    (enclosure,) = with_audio.enclosures
    assert enclosure.href == "http://localhost" + audio.url
    assert enclosure.length == "2048"
    assert enclosure.type == "audio/mpeg"
    without = next(e for e in feed.entries if e.title == "Chưa có bản ghi âm")
    assert without.enclosures == []
    atom_entry = next(e for e in read_feed("/feeds/radio.atom").entries if e.enclosures)
    assert atom_entry.link == with_audio.link  # the story, not the recording
    assert (atom_entry.enclosures[0].length, atom_entry.enclosures[0].type) == (
        "2048",
        "audio/mpeg",
    )
