"""Editors create exemplars where they belong; readers see a profile with its commendations
and the news stories about it."""

import datetime

import pytest
from django.core.cache import cache
from wagtail.rich_text import RichText
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from exemplars import demo
from exemplars.models import (
    AwardLevel,
    AwardType,
    Commendation,
    ExemplarIndexPage,
    ExemplarKind,
    ExemplarPage,
    ExemplarRelatedStory,
)
from news.models import ArticlePage, SectionPage
from tests.factories import ExemplarIndexPageFactory, award, build_home
from tests.helpers import main_column, publish, publish_exemplar, queries_for
from website.models import HomePage


class PageTreeTests(WagtailPageTestCase):
    def test_exemplars_live_in_their_list_below_home(self):
        self.assertCanCreateAt(HomePage, ExemplarIndexPage)
        self.assertCanCreateAt(ExemplarIndexPage, ExemplarPage)
        self.assertCanNotCreateAt(HomePage, ExemplarPage)
        self.assertCanNotCreateAt(SectionPage, ExemplarPage)
        self.assertCanNotCreateAt(ExemplarPage, ExemplarPage)
        self.assertCanNotCreateAt(ExemplarIndexPage, ArticlePage)

    def test_list_profile_and_statistics_render(self):
        index = ExemplarIndexPageFactory(parent=build_home())
        exemplar = publish_exemplar(index, [award()], title="Hũ gạo tình thương")
        self.assertPageIsRenderable(index)
        self.assertPageIsRenderable(exemplar)
        self.assertPageIsRoutable(index, "thong-ke/")
        self.assertPageIsRenderable(index, "thong-ke/")

    def test_editor_adds_an_exemplar_with_commendations_in_the_admin(self):
        # force_login: django-axes refuses a password check without a request (Client.login).
        self.client.force_login(self.create_test_user())
        index = ExemplarIndexPageFactory(parent=build_home())
        data = nested_form_data(
            {
                "title": "Câu lạc bộ phụ nữ bảo vệ môi trường",
                "slug": "clb-phu-nu-bao-ve-moi-truong",
                "kind": "mo_hinh",
                "summary": "Thu gom rác, trồng cây xanh.",
                "body": streamfield([]),
                "commendations": inline_formset(
                    [
                        {
                            "award_type": "giay_khen",
                            "level": "huyen",
                            "year": "2018",
                            "issuer": "Chủ tịch UBND huyện Kiên Lương",
                        }
                    ]
                ),
                "related_story_links": inline_formset([]),
            }
        )
        self.assertCanCreate(index, ExemplarPage, data)
        page = ExemplarPage.objects.get(slug="clb-phu-nu-bao-ve-moi-truong")
        commendation = page.get_latest_revision_as_object().commendations.get()
        self.assertEqual((commendation.level, commendation.year), ("huyen", 2018))


@pytest.mark.django_db
def test_profile_shows_who_where_and_each_commendation(client, make_exemplar, communes):
    exemplar = make_exemplar(
        title="Nguyễn Thị Mẫu",
        kind=ExemplarKind.INDIVIDUAL,
        unit="Hội Liên hiệp Phụ nữ xã Bình An",
        commune=communes["binh-an"],
        field="Văn hóa – xã hội",
        awards=[
            award(
                level=AwardLevel.PROVINCE,
                award_type=AwardType.DIPLOMA,
                issuer="Chủ tịch UBND tỉnh Kiên Giang",
                decision_number="123/QĐ-UBND",
                decision_date=datetime.date(2018, 1, 15),
                reason="Xây dựng mô hình Hũ gạo tình thương.",
            )
        ],
    )
    html = main_column(client.get(exemplar.url))
    assert '<h1 class="page-title">Nguyễn Thị Mẫu</h1>' in html
    assert "Cá nhân" in html and "Xã Bình An" in html and "Văn hóa – xã hội" in html
    assert '<strong>Bằng khen</strong> · <span class="level level--tinh">Tỉnh</span> · 2017' in html
    assert "Chủ tịch UBND tỉnh Kiên Giang, quyết định số 123/QĐ-UBND ngày 15/01/2018" in html
    assert "Xây dựng mô hình Hũ gạo tình thương." in html


@pytest.mark.django_db
def test_profile_lists_chosen_stories_and_stories_linking_to_it(client, make_exemplar, make_story):
    chosen = make_story(title="Bếp ăn từ thiện mỗi tuần nấu hàng trăm suất cơm")
    exemplar = make_exemplar(title="Bếp ăn từ thiện")
    exemplar.related_story_links = [ExemplarRelatedStory(story=chosen)]
    publish(exemplar)
    linking = make_story(title="Hội Chữ thập đỏ huyện tổng kết năm")
    linking.body = [
        (
            "paragraph",
            RichText(f'<p>Xem <a linktype="page" id="{exemplar.pk}">bếp ăn từ thiện</a>.</p>'),
        )
    ]
    publish(linking)
    draft = make_story(title="Bản nháp nhắc đến bếp ăn")
    draft.body = linking.body
    publish(draft)
    draft.unpublish()
    unrelated = make_story(title="Khai thuế qua mạng")

    html = main_column(client.get(exemplar.url))
    assert "Tin, bài liên quan" in html
    assert html.index(chosen.title) < html.index(linking.title)
    assert draft.title not in html
    assert unrelated.title not in html


@pytest.mark.django_db
def test_plain_summary_falls_back_to_the_story_text(make_exemplar):
    exemplar = make_exemplar(summary="", title="Nuôi heo đất")
    exemplar.body = [("paragraph", RichText("<p>Chị em <b>bỏ tiền</b> vào heo đất.</p>"))]
    assert exemplar.plain_summary == "Chị em bỏ tiền vào heo đất."
    exemplar.summary = "Tiết kiệm để giúp nhau."
    assert exemplar.plain_summary == "Tiết kiệm để giúp nhau."


@pytest.mark.django_db
def test_drafts_stay_out_of_the_list(client, exemplar_index, make_exemplar):
    make_exemplar(title="Nụ cười công sở")
    draft = make_exemplar(title="Hồ sơ chưa duyệt")
    draft.unpublish()
    html = main_column(client.get(exemplar_index.url))
    assert "Nụ cười công sở" in html
    assert draft.title not in html
    assert "1 gương điển hình" in html


@pytest.mark.django_db
def test_real_profiles_come_before_sample_data_which_says_what_it_is(client, make_exemplar):
    sample = make_exemplar(title="Cá nhân mẫu 01", is_sample=True, awards=[award(year=2018)])
    real = make_exemplar(title="Hũ gạo tình thương", awards=[award(year=2017)])
    response = client.get(real.get_parent().url)
    html = main_column(response)
    # Though its commendation is older, the real profile is listed first.
    assert html.index(real.title) < html.index(sample.title)
    assert html.count("dữ liệu mẫu") == 1
    assert "dữ liệu mẫu" in main_column(client.get(sample.url))


@pytest.mark.django_db
def test_warm_list_and_profile_send_no_query_and_a_publication_shows_at_once(
    client, exemplar_index, make_exemplar, communes
):
    hu_gao = make_exemplar(
        title="Mô hình Hũ gạo tình thương",
        kind=ExemplarKind.MODEL,
        commune=communes["binh-an"],
        awards=[award(AwardLevel.DISTRICT, 2017)],
    )
    filtered = exemplar_index.url + "?commune=binh-an&year=2017"
    for url in (exemplar_index.url, filtered, hu_gao.url):
        assert queries_for(client, url) == 0, url

    assert "1 lần khen thưởng, gần nhất năm 2017" in main_column(client.get(filtered))

    hu_gao.commendations = [
        Commendation(**award(AwardLevel.DISTRICT, 2017)),
        Commendation(**award(AwardLevel.PROVINCE, 2018)),
    ]
    publish(hu_gao)
    assert "2 lần khen thưởng, gần nhất năm 2018" in main_column(client.get(filtered))
    assert "Tỉnh</span> · 2018" in main_column(client.get(hu_gao.url))


@pytest.mark.django_db
def test_a_renamed_commune_is_named_at_once_in_the_list_and_its_filter(
    client, exemplar_index, make_exemplar, communes
):
    make_exemplar(title="Hộ nuôi tôm giỏi", commune=communes["hon-nghe"])
    assert "Xã Hòn Nghệ" in main_column(client.get(exemplar_index.url))
    communes["hon-nghe"].name = "Hòn Nghệ (đảo)"
    communes["hon-nghe"].save()
    html = main_column(client.get(exemplar_index.url))
    assert html.count("Xã Hòn Nghệ (đảo)") == 2  # the card and the filter's choice


@pytest.mark.django_db
def test_the_list_counts_a_commendation_once_it_is_published_not_while_it_is_a_draft(
    client, exemplar_index, make_exemplar
):
    exemplar = make_exemplar(title="Mô hình Hũ gạo tình thương", awards=[award(year=2017)])
    exemplar.commendations = [
        Commendation(**award(year=2017)),
        Commendation(**award(AwardLevel.PROVINCE, 2019)),
    ]
    revision = exemplar.save_revision()
    cache.clear()  # read from the database, not from what the list kept
    assert "1 lần khen thưởng, gần nhất năm 2017" in main_column(client.get(exemplar_index.url))

    revision.publish()
    assert "2 lần khen thưởng, gần nhất năm 2019" in main_column(client.get(exemplar_index.url))


@pytest.mark.django_db
def test_the_demo_mending_a_model_without_its_commendation_counts_it_in_the_list(
    client, exemplar_index, make_exemplar
):
    model_id = demo.MODELS[0][0]
    model = make_exemplar(title="Hũ gạo tình thương", legacy_id=model_id)
    assert "lần khen thưởng" not in main_column(client.get(exemplar_index.url))

    demo.date_profiles([model_id], [])
    cache.clear()
    assert "1 lần khen thưởng, gần nhất năm 2017" in main_column(client.get(exemplar_index.url))
    assert Commendation.objects.filter(page=model).count() == 1
