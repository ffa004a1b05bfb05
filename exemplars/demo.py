"""The demo's exemplars: the grassroots models the seed story names, and a sample set of
recipients reproducing its 2017 figures (the district commended 30 collectives and 47
individuals, the province 3 of each). The recipients' names are invented and say so; they are
marked as sample data, so they come after the real models and stay out of the feed."""

import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from wagtail.rich_text import RichText

from news.models import ArticlePage
from website.demo_images import demo_image
from website.models import Commune
from website.pages import default_home, ensure_child

from .choices import AwardLevel, AwardType, ExemplarKind
from .models import Commendation, ExemplarIndexPage, ExemplarPage
from .services import count_commendations, upsert_exemplar

# Exemplars go under the home page, in its communes, and link to the news demo's stories.
LOAD_AFTER = ("website", "news")

INDEX_TITLE = "Gương người tốt việc tốt"
INDEX_SLUG = "guong-nguoi-tot-viec-tot"

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# Profiles carry the dates of the seed's time, never the day the demo was loaded: the models
# appear with the seed story (January 2018), the sample recipients at the end of 2017.
MODELS_PUBLISHED = datetime.datetime(2018, 1, 15, 8, 30, tzinfo=VN)
SAMPLES_PUBLISHED = datetime.datetime(2017, 12, 29, 9, 0, tzinfo=VN)

# (legacy id, name, unit, commune slug, field, summary, news story legacy ids)
MODELS = [
    (
        "demo-model-hu-gao",
        "Hũ gạo tình thương",
        "Hội Liên hiệp Phụ nữ thị trấn Kiên Lương",
        "kien-luong",
        "Văn hóa – xã hội",
        "Mỗi hội viên góp một nắm gạo mỗi tháng; cuối năm chi hội trao gạo cho các gia đình "
        "khó khăn trong ấp.",
        ["demo-2"],
    ),
    (
        "demo-model-heo-dat",
        "Nuôi heo đất",
        "Hội Liên hiệp Phụ nữ huyện Kiên Lương",
        "kien-luong",
        "Kinh tế",
        "Chị em bỏ tiền tiết kiệm vào heo đất; số tiền góp được cho hội viên nghèo vay không lãi.",
        ["demo-2"],
    ),
    (
        "demo-model-bep-an",
        "Bếp ăn từ thiện",
        "Hội Chữ thập đỏ huyện Kiên Lương",
        "kien-luong",
        "Văn hóa – xã hội",
        "Tình nguyện viên nấu cơm miễn phí cho bệnh nhân nghèo và người nhà tại Trung tâm Y tế "
        "huyện.",
        ["demo-3"],
    ),
    (
        "demo-model-canh-phong",
        "Cựu chiến binh tham gia đội canh phòng",
        "Hội Cựu chiến binh xã Bình An",
        "binh-an",
        "Quốc phòng – an ninh",
        "Các tổ canh phòng ban đêm của hội viên cựu chiến binh góp phần giữ bình yên thôn ấp.",
        ["demo-8"],
    ),
    (
        "demo-model-anh-bac",
        "Hội viên Hội Cựu chiến binh treo ảnh Bác nơi trang trọng",
        "Hội Cựu chiến binh huyện Kiên Lương",
        "kien-luong",
        "Xây dựng Đảng",
        "Mỗi gia đình hội viên treo ảnh Bác nơi trang trọng, nhắc con cháu học tập và làm theo "
        "Bác.",
        [],
    ),
    (
        "demo-model-nu-cuoi",
        "Nụ cười công sở",
        "Bộ phận một cửa huyện Kiên Lương",
        "kien-luong",
        "Cải cách hành chính",
        "Công chức bộ phận một cửa đón tiếp người dân niềm nở và trả hồ sơ đúng hẹn.",
        ["demo-10"],
    ),
    (
        "demo-model-bo-vo-beo",
        "Nuôi bò vỗ béo",
        "Hội Nông dân xã Kiên Bình",
        "kien-binh",
        "Kinh tế",
        "Hộ nghèo vay vốn ưu đãi để nuôi bò vỗ béo, có thu nhập ổn định sau vài lứa.",
        ["demo-12"],
    ),
    (
        "demo-model-ca-long-be",
        "Nuôi cá lồng bè",
        "Tổ hợp tác nuôi cá xã Hòn Nghệ",
        "hon-nghe",
        "Kinh tế",
        "Các hộ ở xã đảo cùng mua giống, thức ăn và tìm đầu ra cho cá mú, cá chẽm nuôi lồng bè.",
        ["demo-11"],
    ),
    (
        "demo-model-nong-dan-phap-luat",
        "Câu lạc bộ nông dân pháp luật",
        "Hội Nông dân xã Kiên Bình",
        "kien-binh",
        "Văn hóa – xã hội",
        "Nông dân gặp nhau hằng tháng để tìm hiểu pháp luật và trao đổi kinh nghiệm sản xuất.",
        ["demo-12"],
    ),
    (
        "demo-model-phu-nu-moi-truong",
        "Câu lạc bộ phụ nữ bảo vệ môi trường",
        "Hội Liên hiệp Phụ nữ xã Dương Hòa",
        "duong-hoa",
        "Văn hóa – xã hội",
        "Hội viên thu gom rác, trồng cây xanh và vận động bà con không xả rác xuống kênh.",
        [],
    ),
    (
        "demo-model-hoan-luong",
        "Giúp đỡ người hoàn lương",
        "Ủy ban Mặt trận Tổ quốc xã Bình Trị",
        "binh-tri",
        "Quốc phòng – an ninh",
        "Đoàn thể và gia đình cùng giúp người mãn hạn tù tìm việc làm, sớm ổn định cuộc sống.",
        [],
    ),
]
# The seed names these models among those newly set up in 2017 and the others among those
# "kept up well"; that mention in the district's review of 2017 is what it says of them.
NEW_IN_2017 = {
    "demo-model-nong-dan-phap-luat",
    "demo-model-phu-nu-moi-truong",
    "demo-model-nu-cuoi",
    "demo-model-hoan-luong",
}
LEARNING = "trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
MODEL_MENTION = {
    "award_type": AwardType.OTHER,
    "level": AwardLevel.DISTRICT,
    "issuer": "Ban Thường vụ Huyện ủy Kiên Lương",
    "year": 2017,
}
KEPT_UP_REASON = (
    f"Biểu dương trong tổng kết năm 2017: mô hình đạt hiệu quả tích cực {LEARNING}, "
    "được duy trì tốt."
)
NEW_REASON = f"Biểu dương trong tổng kết năm 2017: mô hình xây dựng mới {LEARNING}."


def model_commendation(legacy_id):
    reason = NEW_REASON if legacy_id in NEW_IN_2017 else KEPT_UP_REASON
    return {**MODEL_MENTION, "reason": reason}


MODEL_COLOURS = [(179, 22, 11), (11, 79, 156), (30, 110, 60), (201, 138, 0)]

# The seed's 2017 figures: (kind, how many the district commended, how many of them the
# province commended too).
SAMPLE_2017 = [
    (ExemplarKind.COLLECTIVE, "Tập thể mẫu", 30, 3),
    (ExemplarKind.INDIVIDUAL, "Cá nhân mẫu", 47, 3),
]
SAMPLE_FIELDS = ["Xây dựng Đảng", "Kinh tế", "Văn hóa – xã hội", "Quốc phòng – an ninh"]
REASON_2017 = (
    "Có thành tích xuất sắc trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh "
    "năm 2017."
)
DISTRICT_AWARD = {
    "award_type": AwardType.CERTIFICATE,
    "level": AwardLevel.DISTRICT,
    "issuer": "Chủ tịch UBND huyện Kiên Lương",
    "year": 2017,
    "reason": REASON_2017,
}
PROVINCE_AWARD = {
    "award_type": AwardType.DIPLOMA,
    "level": AwardLevel.PROVINCE,
    "issuer": "Chủ tịch UBND tỉnh Kiên Giang",
    "year": 2017,
    "reason": REASON_2017,
}


def exemplar_index(home):
    return ensure_child(
        home,
        ExemplarIndexPage,
        title=INDEX_TITLE,
        slug=INDEX_SLUG,
        show_in_menus=True,
        introduction="Những cá nhân, tập thể và mô hình tiêu biểu trong học tập và làm theo tư "
        "tưởng, đạo đức, phong cách Hồ Chí Minh ở Kiên Lương.",
    )


def sample_recipients(communes):
    """(legacy id, fields, commendations) of the invented 2017 recipients."""
    for kind, name, district, province in SAMPLE_2017:
        for number in range(1, district + 1):
            awards = [DISTRICT_AWARD] + ([PROVINCE_AWARD] if number <= province else [])
            yield (
                f"demo-2017-{kind}-{number:02d}",
                {
                    "title": f"{name} {number:02d} (dữ liệu mẫu)",
                    "kind": kind,
                    "unit": "" if kind == ExemplarKind.COLLECTIVE else "Đơn vị mẫu (dữ liệu mẫu)",
                    "commune": communes[number % len(communes)],
                    "field": SAMPLE_FIELDS[number % len(SAMPLE_FIELDS)],
                    "summary": "Dữ liệu mẫu để minh họa số liệu khen thưởng năm 2017; không phải "
                    "người hay đơn vị có thật.",
                },
                awards,
            )


def model_story(title, unit):
    return (
        f"“{title}” là một trong những mô hình học tập và làm theo tư tưởng, đạo đức, phong cách "
        f"Hồ Chí Minh được duy trì tốt ở Kiên Lương trong năm 2017, do {unit} thực hiện. Từ các "
        "mô hình như vậy, nhiều tập thể, cá nhân tiêu biểu được biểu dương, khen thưởng."
    )


def date_profiles(model_ids, sample_ids):
    """Demo profiles are dated when the seed story says they were commended, not the day the
    demo was loaded; samples are marked. Writes nothing once they are right, and mends profiles
    loaded by earlier versions (models without their commendation included)."""
    for ids, published_at, sample in (
        (model_ids, MODELS_PUBLISHED, False),
        (sample_ids, SAMPLES_PUBLISHED, True),
    ):
        ExemplarPage.objects.filter(legacy_id__in=ids).exclude(
            is_sample=sample, first_published_at=published_at, last_published_at=published_at
        ).update(is_sample=sample, first_published_at=published_at, last_published_at=published_at)
    missing = ExemplarPage.objects.filter(legacy_id__in=model_ids, commendations__isnull=True)
    if Commendation.objects.bulk_create(
        Commendation(page=page, sort_order=0, **model_commendation(page.legacy_id))
        for page in missing
    ):
        count_commendations(ExemplarPage.objects.filter(legacy_id__in=model_ids))


def load(stdout):
    index = exemplar_index(default_home())
    existing = set(
        ExemplarPage.objects.filter(legacy_id__startswith="demo-").values_list(
            "legacy_id", flat=True
        )
    )
    communes = list(Commune.objects.all())
    by_slug = {commune.slug: commune for commune in communes}
    stories = dict(
        ArticlePage.objects.filter(legacy_id__startswith="demo-").values_list("legacy_id", "pk")
    )
    for number, (legacy_id, title, unit, commune, field, summary, story_ids) in enumerate(MODELS):
        if legacy_id in existing:
            continue
        upsert_exemplar(
            index,
            legacy_id,
            commendations=[model_commendation(legacy_id)],
            title=title,
            kind=ExemplarKind.MODEL,
            unit=unit,
            commune=by_slug.get(commune),
            field=field,
            summary=summary,
            photo=demo_image(title, colour=MODEL_COLOURS[number % len(MODEL_COLOURS)]),
            body=[("paragraph", RichText(f"<p>{model_story(title, unit)}</p>"))],
            related_story_ids=[stories[story] for story in story_ids if story in stories],
        )
    for legacy_id, fields, awards in sample_recipients(communes):
        if legacy_id not in existing:
            upsert_exemplar(index, legacy_id, commendations=awards, is_sample=True, **fields)
    date_profiles(
        [model[0] for model in MODELS],
        [legacy_id for legacy_id, _fields, _awards in sample_recipients(communes)],
    )
    stdout.write(
        _(
            "Exemplars: %(models)d grassroots models from the seed story, and %(samples)d sample "
            "recipients of the 2017 awards (marked as sample data)."
        )
        % {"models": len(MODELS), "samples": sum(row[2] for row in SAMPLE_2017)}
    )
