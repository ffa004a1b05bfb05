"""A podcast per slot: each aired programme with its recording, as a podcast client reads it."""

import datetime

import pytest

from radio.models import Programme, RundownItem, Slot

DAY = datetime.date(2017, 5, 19)


@pytest.fixture
def feed_url(news_slot):
    return f"/feeds/podcast/{news_slot.slug}.rss"


def test_each_aired_programme_is_an_episode_with_its_recording_and_real_length(
    read_feed, home, aired, feed_url, make_story
):
    programme = aired(DAY, seconds=3)
    story = make_story(title="Khánh thành cầu Ba Hòn")
    RundownItem.objects.create(programme=programme, kind="story", story=story)
    aired(DAY + datetime.timedelta(days=1), seconds=5)

    feed = read_feed(feed_url)
    assert feed.feed.title.endswith("Thời sự")
    assert [entry.title for entry in feed.entries] == [
        "Thời sự – 20/05/2017",
        "Thời sự – 19/05/2017",
    ]
    episode = feed.entries[1]
    enclosure = episode.enclosures[0]
    assert enclosure.type == "audio/x-wav"
    assert int(enclosure.length) == programme.recording.get_file_size() > 0
    assert enclosure.href.startswith("http://localhost") and enclosure.href.endswith(".wav")
    assert episode.itunes_duration == "3"
    assert "Khánh thành cầu Ba Hòn" in episode.summary


def test_a_programme_not_aired_or_without_recording_is_left_out(
    read_feed, home, aired, news_slot, feed_url
):
    aired(DAY, title="Đã phát")
    not_aired = aired(DAY + datetime.timedelta(days=1), title="Chưa phát")
    Programme.objects.filter(pk=not_aired.pk).update(aired=False)
    Programme.objects.create(slot=news_slot, date=DAY - datetime.timedelta(days=1), aired=True)
    other = Slot.objects.create(name="Chuyên mục Thuế", length_minutes=10)
    aired(DAY, slot=other, title="Thuế")
    assert [e.title for e in read_feed(feed_url).entries] == ["Đã phát – 19/05/2017"]


def test_marking_a_programme_aired_puts_it_in_the_feed_at_once(read_feed, home, aired, feed_url):
    programme = aired(DAY)
    Programme.objects.filter(pk=programme.pk).update(aired=False)
    assert read_feed(feed_url).entries == []  # now cached
    programme.refresh_from_db()
    programme.aired = True
    programme.save()
    assert len(read_feed(feed_url).entries) == 1


def test_the_slots_feeds_are_listed_with_the_others(client, home, news_slot, feed_url):
    html = client.get("/feeds/").content.decode()
    assert "Chương trình phát thanh dạng podcast" in html
    assert feed_url in html


def test_an_unknown_slot_has_no_feed(client, home):
    assert client.get("/feeds/podcast/khong-co.rss").status_code == 404


def test_a_slot_gets_an_address_from_its_name(db):
    assert Slot.objects.create(name="Học tập và làm theo Bác", length_minutes=15).slug == (
        "hoc-tap-va-lam-theo-bac"
    )


def test_the_programme_page_links_to_its_slot_feed(admin_client, aired, feed_url):
    programme = aired(DAY)
    html = admin_client.get(f"/admin/snippets/radio/programme/edit/{programme.pk}/").content
    assert feed_url in html.decode()
