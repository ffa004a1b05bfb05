"""Migrating the office's older stories from JSON Lines (`import_articles`)."""

import io
import unicodedata

import pytest
from django.core.management import CommandError, call_command
from PIL import Image as PILImage

from news.models import ArticlePage, SectionPage
from tests.helpers import feed_titles, legacy_story, main_column, write_lines


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_articles", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_imports_stories_into_sections_created_on_the_way(home, tmp_path):
    path = write_lines(tmp_path / "old.jsonl", [legacy_story(1), legacy_story(2, section="Thuế")])
    out, _err = run(path)
    assert "tạo mới 2" in out
    assert set(SectionPage.objects.values_list("title", flat=True)) == {"Xây dựng Đảng", "Thuế"}
    first = ArticlePage.objects.get(legacy_id="old-1")
    assert first.live and first.byline == "Kim Thư" and first.for_radio
    assert first.published_at.isoformat() == "2017-05-19T00:30:00+00:00"
    assert [tag.name for tag in first.tags.all()] == ["xây dựng Đảng"]
    assert first.get_parent().title == "Xây dựng Đảng"


@pytest.mark.django_db
def test_rerun_updates_by_id_without_duplicates(home, tmp_path, client):
    path = write_lines(tmp_path / "old.jsonl", [legacy_story(1)])
    run(path)
    write_lines(path, [legacy_story(1, title="Tin cũ số 1 (đã sửa)", section="Thuế")])
    out, _err = run(path)
    assert "cập nhật 1" in out
    assert ArticlePage.objects.count() == 1
    updated = ArticlePage.objects.get(legacy_id="old-1")
    assert updated.title == "Tin cũ số 1 (đã sửa)"
    assert updated.get_parent().title == "Thuế"
    assert client.get(updated.url).status_code == 200


@pytest.mark.django_db
def test_bad_lines_are_reported_and_nothing_is_imported(home, tmp_path):
    path = write_lines(
        tmp_path / "old.jsonl",
        [
            legacy_story(1),
            "{not json",
            legacy_story(3, published_at="hôm qua"),
            {k: v for k, v in legacy_story(4).items() if k != "title"},
            legacy_story(5, published_at="2017-05-19T07:30:00"),  # no offset
        ],
    )
    with pytest.raises(CommandError, match="Không nhập dữ liệu nào"):
        run(path)
    assert ArticlePage.objects.count() == 0
    out = io.StringIO()
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_articles", str(path), stdout=out, stderr=err)
    report = err.getvalue()
    assert "dòng 2: không phải JSON hợp lệ" in report
    assert "dòng 3: “published_at” không phải ngày giờ ISO 8601" in report
    assert "dòng 4: thiếu “title”" in report
    assert "dòng 5:" in report
    assert "dòng 1:" not in report


@pytest.mark.django_db
def test_skip_invalid_imports_the_good_lines_and_still_reports_the_bad(home, tmp_path):
    path = write_lines(tmp_path / "old.jsonl", [legacy_story(1), "[1, 2]", legacy_story(3)])
    _out, err = run(path, "--skip-invalid")
    assert "dòng 2: mỗi dòng phải là một đối tượng JSON" in err
    assert sorted(ArticlePage.objects.values_list("legacy_id", flat=True)) == ["old-1", "old-3"]


@pytest.mark.django_db
def test_dry_run_writes_nothing(home, tmp_path):
    path = write_lines(tmp_path / "old.jsonl", [legacy_story(1), legacy_story(2)])
    out, _err = run(path, "--dry-run")
    assert "Chạy thử" in out
    assert ArticlePage.objects.count() == 0
    assert not SectionPage.objects.exists()


@pytest.mark.django_db
def test_duplicate_id_in_one_file_is_refused_whole(home, tmp_path):
    path = write_lines(
        tmp_path / "old.jsonl", [legacy_story(1), legacy_story(2), legacy_story(1, title="Khác")]
    )
    with pytest.raises(CommandError):
        run(path)
    assert ArticlePage.objects.count() == 0


def import_body(tmp_path, body):
    """Import one legacy story whose body is `body`."""
    run(write_lines(tmp_path / "old.jsonl", [legacy_story(1, body_html=body)]))


@pytest.mark.django_db
def test_body_html_is_cleaned_to_what_rich_text_allows(home, tmp_path, client):
    body = (
        '<p onclick="steal()">Đoạn <b>đậm</b> <a href="https://kiengiang.gov.vn" '
        'onmouseover="x()">liên kết</a></p><script>alert(1)</script>'
        '<iframe src="https://evil.example"></iframe><h2>Tiêu đề phụ</h2>'
        '<p><img src="x" onerror="alert(2)">Hết.</p>'
    )
    import_body(tmp_path, body)
    html = client.get(ArticlePage.objects.get().url).content.decode()
    body_html = html[html.index('class="story-body"') : html.index("</article>")]
    for forbidden in ("<script", "onclick", "onmouseover", "onerror", "<iframe", "alert("):
        assert forbidden not in body_html
    assert "<b>đậm</b>" in body_html
    assert 'href="https://kiengiang.gov.vn"' in body_html
    assert "<h2>Tiêu đề phụ</h2>" in body_html


@pytest.mark.django_db
def test_body_html_keeps_only_what_the_story_editor_could_write(home, tmp_path, client):
    body = (
        '<div class="old">Khối <span style="color:red">cũ</span></div><h1>Tựa lớn</h1>'
        '<p><a href="javascript:alert(1)">xấu</a> <a href="jav&#x09;ascript:alert(2)">xấu</a> '
        '<a href="/tin/1" title="t" target="_blank">trong</a> '
        '<a href="mailto:ubnd@kienluong.gov.vn">thư</a></p><!-- ghi chú --><ul><li>một<li>hai</ul>'
    )
    import_body(tmp_path, body)
    assert ArticlePage.objects.get().body[0].value.source == (
        '<p>Khối cũ</p>Tựa lớn<p><a>xấu</a> <a>xấu</a> <a href="/tin/1">trong</a> '
        '<a href="mailto:ubnd@kienluong.gov.vn">thư</a></p><ul><li>một</li><li>hai</li></ul>'
    )


@pytest.mark.django_db
def test_text_is_stored_nfc_with_quotes_ampersands_and_emoji(home, tmp_path, client):
    decomposed = unicodedata.normalize("NFD", "Học tập và làm theo Bác")
    title = f'“Hũ gạo” & "Nuôi heo đất" 🐷 — {decomposed}'
    path = write_lines(tmp_path / "old.jsonl", [legacy_story(1, title=title, lead=decomposed)])
    run(path)
    saved = ArticlePage.objects.get()
    assert saved.title == unicodedata.normalize("NFC", title)
    assert saved.lead == "Học tập và làm theo Bác"
    html = client.get(saved.url).content.decode()
    assert "“Hũ gạo” &amp; &quot;Nuôi heo đất&quot; 🐷 — Học tập và làm theo Bác" in html


@pytest.mark.django_db
def test_hero_image_next_to_the_file_is_uploaded_once(home, tmp_path):
    PILImage.new("RGB", (64, 48), (200, 0, 0)).save(tmp_path / "anh.jpg")
    rows = [
        legacy_story(1, image="anh.jpg", image_caption="Trao giấy khen"),
        legacy_story(2, image="anh.jpg"),
    ]
    path = write_lines(tmp_path / "old.jsonl", rows)
    run(path)
    run(path)
    first = ArticlePage.objects.get(legacy_id="old-1")
    assert first.hero_caption == "Trao giấy khen"
    assert first.hero_image.width == 64
    from wagtail.images import get_image_model

    assert get_image_model().objects.count() == 1


@pytest.mark.django_db
def test_missing_or_escaping_image_is_a_bad_line(home, tmp_path):
    (tmp_path / "not-image.jpg").write_text("hello")
    path = write_lines(
        tmp_path / "old.jsonl",
        [
            legacy_story(1, image="khong-co.jpg"),
            legacy_story(2, image="../x.jpg"),
            legacy_story(3, image="not-image.jpg"),
        ],
    )
    with pytest.raises(CommandError):
        _out, _err = run(path)
    assert ArticlePage.objects.count() == 0


@pytest.mark.django_db
def test_a_few_hundred_real_looking_stories(home, tmp_path):
    long_body = "".join(
        f"<p>Đoạn {n}: cán bộ, đảng viên huyện Kiên Lương học tập và làm theo Bác.</p>"
        for n in range(200)
    )
    rows = [
        legacy_story(
            n,
            title=unicodedata.normalize("NFD", f"Tin “số {n}” & ảnh 📷 ở Hòn Nghệ"),
            body_html=long_body,
            section=["Xây dựng Đảng", "Thuế", "Trang địa phương"][n % 3],
        )
        for n in range(300)
    ]
    path = write_lines(tmp_path / "old.jsonl", rows)
    out, err = run(path)
    assert "tạo mới 300" in out
    assert "300/300" in err  # progress reached the end
    assert ArticlePage.objects.live().count() == 300
    assert ArticlePage.objects.filter(title__contains="Hòn Nghệ").count() == 300


@pytest.mark.django_db
def test_imported_stories_are_in_the_admin_search_index(home, tmp_path):
    path = write_lines(
        tmp_path / "old.jsonl", [legacy_story(1, title="Nuôi cá lồng bè ở Hòn Nghệ")]
    )
    run(path)
    assert [page.legacy_id for page in ArticlePage.objects.search("lồng bè")] == ["old-1"]


@pytest.mark.django_db
def test_imported_story_has_history_and_opens_in_the_admin(home, tmp_path, admin_client):
    from wagtail.models import PageLogEntry

    path = write_lines(tmp_path / "old.jsonl", [legacy_story(1, title="Tin có lịch sử")])
    run(path)
    saved = ArticlePage.objects.get()
    assert saved.live and not saved.has_unpublished_changes
    assert saved.live_revision == saved.latest_revision
    assert saved.get_latest_revision_as_object().title == "Tin có lịch sử"
    actions = set(PageLogEntry.objects.filter(page=saved).values_list("action", flat=True))
    assert {"wagtail.create", "wagtail.publish"} <= actions
    edit = admin_client.get(f"/admin/pages/{saved.pk}/edit/")
    assert edit.status_code == 200 and "Tin có lịch sử" in edit.content.decode()


@pytest.mark.django_db
def test_imported_stories_are_found_by_the_site_search(home, tmp_path, engine, search):
    rows = [
        legacy_story(1, title="Nuôi cá lồng bè ở Hòn Nghệ"),
        legacy_story(2, title="Thu thuế đúng hạn"),
    ]
    run(write_lines(tmp_path / "old.jsonl", rows))
    engine.ready()
    results = main_column(search(q="long be hon nghe"))
    assert "Hòn Nghệ" in results and "Thu thuế đúng hạn" not in results


@pytest.mark.django_db
def test_reimport_publishes_a_new_revision_found_under_the_new_title(home, tmp_path, search):
    from wagtail.models import PageLogEntry

    path = write_lines(
        tmp_path / "old.jsonl", [legacy_story(1, title="Nuôi cá lồng bè ở Hòn Nghệ")]
    )
    run(path)
    rows = [legacy_story(1, title="Nuôi tôm công nghiệp ở Kiên Bình", tags=["thủy sản"])]
    write_lines(path, rows)
    run(path)
    saved = ArticlePage.objects.get()
    assert saved.revisions.count() == 2
    assert saved.live_revision == saved.latest_revision
    assert saved.get_latest_revision_as_object().title == "Nuôi tôm công nghiệp ở Kiên Bình"
    assert [tag.name for tag in saved.tags.all()] == ["thủy sản"]
    actions = list(
        PageLogEntry.objects.filter(page=saved).order_by("pk").values_list("action", flat=True)
    )
    assert actions == ["wagtail.create", "wagtail.publish", "wagtail.rename", "wagtail.publish"]
    assert "Kiên Bình" in main_column(search(q="nuoi tom"))
    assert "Hòn Nghệ" not in main_column(search(q="long be"))


@pytest.mark.django_db
def test_a_story_an_editor_is_drafting_is_still_updated_and_published(home, tmp_path):
    path = write_lines(tmp_path / "old.jsonl", [legacy_story(1)])
    run(path)
    draft = ArticlePage.objects.get().get_latest_revision_as_object()
    draft.contributing_unit = "Huyện đoàn"
    draft.save_revision()
    write_lines(path, [legacy_story(1, title="Tin cũ số 1 (đã sửa)")])
    run(path)
    saved = ArticlePage.objects.get()
    assert saved.title == "Tin cũ số 1 (đã sửa)" and saved.contributing_unit == "Huyện đoàn"
    assert saved.live and not saved.has_unpublished_changes


@pytest.mark.django_db
def test_same_titles_get_their_own_addresses_and_the_page_tree_stays_sound(home, tmp_path, client):
    from wagtail.models import Page

    rows = [legacy_story(n, title="Hội nghị sơ kết") for n in range(3)]
    path = write_lines(tmp_path / "old.jsonl", rows)
    run(path)
    rows[0]["section"] = "Thuế"  # moved where a story of that title may already be
    rows.append(legacy_story(3, title="Hội nghị sơ kết", section="Thuế"))
    write_lines(path, rows)
    run(path)
    urls = [page.url for page in ArticlePage.objects.all()]
    assert len(set(urls)) == 4
    assert all(client.get(url).status_code == 200 for url in urls)
    assert all(not problems for problems in Page.find_problems())
    for section in SectionPage.objects.all():
        assert section.numchild == section.get_children().count()


@pytest.mark.django_db
def test_imported_hero_image_shows_where_it_is_used(home, tmp_path):
    from wagtail.images import get_image_model
    from wagtail.models import ReferenceIndex

    PILImage.new("RGB", (64, 48), (0, 120, 0)).save(tmp_path / "anh.jpg")
    run(
        write_lines(
            tmp_path / "old.jsonl",
            [legacy_story(1, image="anh.jpg"), legacy_story(2, image="anh.jpg")],
        )
    )
    image = get_image_model().objects.get()
    used_by = {ref.object_id for ref in ReferenceIndex.get_references_to(image)}
    assert used_by == {str(pk) for pk in ArticlePage.objects.values_list("pk", flat=True)}


@pytest.mark.django_db
def test_feeds_show_imported_stories_at_once(home, tmp_path, read_feed):
    assert feed_titles(read_feed("/feeds/latest.rss")) == []  # cached from now on
    run(write_lines(tmp_path / "old.jsonl", [legacy_story(1, title="Tin mới nhập")]))
    assert feed_titles(read_feed("/feeds/latest.rss")) == ["Tin mới nhập"]
