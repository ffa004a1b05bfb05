"""The demo's sections and stories: Kiên Lương in 2017–2018, written from the seed story's facts,
and a short radio recording of the seed story synthesised on the spot (espeak-ng)."""

import datetime
import shutil
import subprocess
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.files import File
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from website.demo_images import demo_image
from website.pages import default_home

from .models import ArticlePage
from .roles import setup_newsroom
from .services import STORY_FIELDS, clean_html, ensure_section, upsert_story

# Sections go under the home page.
LOAD_AFTER = ("website",)

VN = ZoneInfo("Asia/Ho_Chi_Minh")

SECTIONS = ["Học tập và làm theo Bác", "Xây dựng Đảng", "Thời sự", "Thuế", "Trang địa phương"]

# (section index, date, title, lead, paragraphs, byline, tags, radio, province)
STORIES = [
    (
        0,
        (2018, 1, 15, 8, 30),
        "Kiên Lương: học tập và làm theo Bác thành việc làm thường xuyên của mỗi cơ quan, đơn vị",
        "Năm 2017, huyện khen thưởng 30 tập thể và 47 cá nhân; tỉnh tặng bằng khen 3 tập thể và "
        "3 cá nhân có thành tích xuất sắc trong học tập và làm theo tư tưởng, đạo đức, phong cách "
        "Hồ Chí Minh.",
        [
            "Việc học tập và làm theo Bác ở Kiên Lương được gắn với sinh hoạt chi bộ hằng tháng: "
            "mỗi đảng viên đăng ký việc làm cụ thể và báo cáo kết quả trước chi bộ.",
            "Nhiều mô hình được duy trì và nhân rộng như “Hũ gạo tình thương”, “Nuôi heo đất” của "
            "Hội Phụ nữ, “Bếp ăn từ thiện” của Hội Chữ thập đỏ, “Cựu chiến binh tham gia đội canh "
            "phòng” và “Nụ cười công sở” ở bộ phận một cửa.",
            "Trong hai năm, Đài Truyền thanh huyện tiếp nhận 1.195 tin, bài, trong đó 414 tin, bài "
            "cộng tác với đài tỉnh. Dọc trục chính khu đô thị Ba Hòn, huyện treo 37 băng rôn, "
            "480 cờ Đảng, 530 cờ phướn và dựng 21 pano tuyên truyền.",
            "Ban Thường vụ Huyện ủy lấy kết quả học tập Chỉ thị số 05-CT/TW của Bộ Chính trị khóa "
            "XII làm một trong những tiêu chí đánh giá, phân loại cán bộ, đảng viên hằng năm, gắn "
            "với thực hiện Nghị quyết số 04-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XII về "
            "xây dựng, chỉnh đốn Đảng.",
            "Các cấp ủy tổ chức thực hiện nghiêm Quy định số 101-QĐ/TW, ngày 07-6-2012 của Ban Bí "
            "thư về trách nhiệm nêu gương của cán bộ, đảng viên, nhất là cán bộ lãnh đạo chủ chốt "
            "các cấp, và Quy định số 55-QĐ/TW, ngày 19-12-2016 của Bộ Chính trị về một số việc "
            "cần làm ngay để tăng cường vai trò nêu gương của cán bộ, đảng viên. Ban Thường vụ "
            "Huyện ủy đã ban hành Kế hoạch số 74-KH/HU, ngày 02-11-2017 thực hiện Chủ đề "
            "2017–2018.",
            "Năm 2018, Huyện ủy tiếp tục chỉ đạo đưa chuyên đề về phong cách, tác phong công tác "
            "của người đứng đầu vào sinh hoạt định kỳ, gắn với phong trào thi đua kỷ niệm 70 năm "
            "ngày Bác Hồ ra lời kêu gọi thi đua ái quốc, thực hiện Kế hoạch số 03-KH/TW của Ban Bí "
            "thư và Kế hoạch số 49-KH/TU, ngày 20-9-2016 của Ban Thường vụ Tỉnh ủy về đẩy mạnh học "
            "tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
        ],
        "Kim Thư",
        ["học tập và làm theo Bác", "khen thưởng", "gương người tốt việc tốt"],
        True,
        True,
    ),
    (
        0,
        (2018, 3, 2, 9, 0),
        "“Hũ gạo tình thương” giúp hội viên phụ nữ nghèo vượt khó",
        "Mỗi tháng, hội viên Hội Phụ nữ thị trấn Kiên Lương góp vài nắm gạo; cuối năm số gạo ấy "
        "thành quà cho hàng chục gia đình khó khăn.",
        [
            "Mô hình bắt đầu từ vài chi hội ở khu phố Ba Hòn và nay có mặt ở tất cả các ấp.",
            "Ngoài gạo, chi hội còn vận động “Nuôi heo đất” để có vốn cho chị em vay không lãi.",
        ],
        "Ngọc Hân",
        ["hũ gạo tình thương", "phụ nữ", "mô hình"],
        True,
        False,
    ),
    (
        0,
        (2018, 4, 20, 14, 15),
        "Bếp ăn từ thiện của Hội Chữ thập đỏ mỗi tuần nấu hàng trăm suất cơm",
        "Bếp ăn từ thiện đặt cạnh Trung tâm Y tế huyện phục vụ bệnh nhân nghèo và người nhà.",
        [
            "Nguồn thực phẩm do các nhà hảo tâm, tiểu thương chợ Kiên Lương và hội viên đóng góp.",
            "Các tình nguyện viên thay phiên nhau nấu từ 4 giờ sáng để kịp phát cơm lúc 10 giờ.",
        ],
        "Minh Khoa",
        ["chữ thập đỏ", "mô hình", "từ thiện"],
        True,
        True,
    ),
    (
        1,
        (2017, 11, 5, 7, 45),
        "Huyện ủy ban hành kế hoạch thực hiện chủ đề năm 2017–2018",
        "Kế hoạch đề cao vai trò người đứng đầu cấp ủy, chính quyền, Mặt trận và các đoàn thể "
        "trong lãnh đạo thực hiện nhiệm vụ chính trị.",
        [
            "Theo Kế hoạch số 74-KH/HU, ngày 02-11-2017 của Ban Thường vụ Huyện ủy, các chi, "
            "đảng bộ trực thuộc chọn nội dung phù hợp với cơ quan, đơn vị để triển khai.",
            "Kết quả học tập Chỉ thị 05-CT/TW là tiêu chí đánh giá, phân loại cán bộ, đảng viên.",
        ],
        "Ban Tuyên giáo Huyện ủy",
        ["xây dựng Đảng", "chỉ thị 05"],
        False,
        True,
    ),
    (
        1,
        (2018, 2, 8, 10, 0),
        "Nâng cao chất lượng sinh hoạt chi bộ ở cơ sở",
        "Sinh hoạt chi bộ định kỳ có thêm phần đảng viên báo cáo việc làm theo Bác đã đăng ký.",
        [
            "Qua thảo luận, chi bộ bàn cách khắc phục hạn chế, khuyết điểm của từng đảng viên.",
        ],
        "Thanh Tâm",
        ["xây dựng Đảng", "sinh hoạt chi bộ"],
        True,
        False,
    ),
    (
        1,
        (2018, 5, 19, 6, 30),
        "Kỷ niệm 128 năm Ngày sinh Chủ tịch Hồ Chí Minh",
        "Các cơ quan, đơn vị trong huyện treo cờ, băng rôn và tổ chức ôn lại cuộc đời, sự nghiệp "
        "của Bác.",
        ["Đoàn viên thanh niên ra quân làm vệ sinh, trồng cây xanh dọc các tuyến đường chính."],
        "Kim Thư",
        ["học tập và làm theo Bác", "kỷ niệm"],
        True,
        True,
    ),
    (
        2,
        (2018, 6, 1, 16, 0),
        "Khu đô thị Ba Hòn rực rỡ cờ hoa chào mừng ngày lễ lớn",
        "Trục chính khu đô thị Ba Hòn được trang trí cờ Đảng, cờ Tổ quốc, cờ phướn và pano.",
        ["Phòng Văn hóa – Thông tin phối hợp thị trấn Kiên Lương kiểm tra, thay mới cờ hư hỏng."],
        "Minh Khoa",
        ["cổ động trực quan", "Ba Hòn"],
        False,
        False,
    ),
    (
        2,
        (2018, 6, 12, 9, 20),
        "Cựu chiến binh tham gia đội canh phòng, giữ bình yên thôn ấp",
        "Hội Cựu chiến binh xã Bình An duy trì các tổ canh phòng ban đêm, góp phần giảm trộm cắp.",
        ["Mô hình được Công an huyện đánh giá cao và đề nghị nhân rộng ra các xã ven biển."],
        "Hoàng Long",
        ["cựu chiến binh", "mô hình", "an ninh trật tự"],
        True,
        True,
    ),
    (
        3,
        (2018, 3, 25, 8, 0),
        "Chi cục Thuế hướng dẫn hộ kinh doanh khai thuế qua mạng",
        "Hộ kinh doanh được hướng dẫn trực tiếp tại bộ phận một cửa và qua chuyên mục thuế trên "
        "sóng truyền thanh bốn buổi mỗi tuần.",
        ["Cán bộ thuế đến tận chợ Kiên Lương, chợ Ba Hòn để hỗ trợ tiểu thương cài đặt ứng dụng."],
        "Thu Hà",
        ["thuế", "cải cách hành chính"],
        True,
        False,
    ),
    (
        3,
        (2018, 7, 3, 15, 30),
        "“Nụ cười công sở” ở bộ phận một cửa",
        "Công chức bộ phận một cửa huyện cam kết đón tiếp người dân niềm nở, trả hồ sơ đúng hẹn.",
        ["Tỷ lệ hồ sơ trả đúng hạn trong sáu tháng đầu năm đạt trên 98%."],
        "Thu Hà",
        ["cải cách hành chính", "mô hình"],
        False,
        True,
    ),
    (
        4,
        (2018, 8, 10, 19, 0),
        "Trang địa phương: nuôi cá lồng bè ở Hòn Nghệ",
        "Nhiều hộ dân xã đảo Hòn Nghệ có thu nhập ổn định nhờ nuôi cá mú, cá chẽm lồng bè.",
        ["Hội Nông dân xã thành lập tổ hợp tác để cùng mua giống, thức ăn và tìm đầu ra."],
        "Hoàng Long",
        ["trang địa phương", "nuôi cá lồng bè", "Hòn Nghệ"],
        True,
        True,
    ),
    (
        4,
        (2018, 9, 2, 7, 0),
        "Nuôi bò vỗ béo giúp nông dân Kiên Bình thoát nghèo",
        "Từ nguồn vốn vay ưu đãi, nhiều hộ ở xã Kiên Bình chuyển sang nuôi bò vỗ béo.",
        ["Câu lạc bộ nông dân pháp luật của xã cũng là nơi bà con trao đổi kinh nghiệm chăn nuôi."],
        "Ngọc Hân",
        ["trang địa phương", "nông dân", "giảm nghèo"],
        False,
        False,
    ),
]


RECORDING_TITLE = "Bản tin phát thanh: học tập và làm theo Bác ở Kiên Lương (giọng đọc tổng hợp)"
# Encoders tried in turn for the WAV espeak-ng writes: (program, arguments, file extension).
ENCODERS = [
    ("sox", ["{wav}", "-C", "64", "{out}"], "mp3"),
    ("ffmpeg", ["-loglevel", "error", "-i", "{wav}", "-b:a", "64k", "{out}"], "mp3"),
    ("sox", ["{wav}", "{out}"], "ogg"),
]


def synthesise(text, folder):
    """`text` spoken in Vietnamese by espeak-ng, as MP3 or Ogg when an encoder is installed
    (else the WAV itself); None without espeak-ng."""
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        return None
    wav = folder / "recording.wav"
    subprocess.run([espeak, "-v", "vi", "-s", "150", "-w", wav, text], check=True, timeout=120)
    for program, arguments, extension in ENCODERS:
        path = shutil.which(program)
        out = folder / f"recording.{extension}"
        if path is None:
            continue
        command = [path] + [arg.format(wav=wav, out=out) for arg in arguments]
        if subprocess.run(command, capture_output=True, timeout=120).returncode == 0:
            return out
    return wav


def radio_recording(text, stdout):
    """The demo's recording of the seed story, made the first time; None if it cannot be."""
    Document = get_document_model()
    existing = Document.objects.filter(title=RECORDING_TITLE).first()
    if existing is not None:
        return existing
    with tempfile.TemporaryDirectory() as folder:
        try:
            path = synthesise(text, Path(folder))
        except (OSError, subprocess.SubprocessError) as error:
            stdout.write(
                _("Radio recording left out: espeak-ng failed (%(error)s).") % {"error": error}
            )
            return None
        if path is None:
            stdout.write(
                _(
                    "Radio recording left out: espeak-ng is not installed "
                    "(apt-get install espeak-ng sox libsox-fmt-mp3)."
                )
            )
            return None
        with path.open("rb") as audio:
            document = Document.objects.create(
                title=RECORDING_TITLE,
                file=File(audio, name=f"ban-tin-hoc-tap-lam-theo-bac.{path.suffix[1:]}"),
            )
    stdout.write(_("Radio recording of the seed story made with espeak-ng."))
    return document


def unchanged(story, fields):
    """Whether the live story already reads as the demo has it: a re-run then publishes
    nothing, so it adds no revision."""
    if story is None or not story.live or story.has_unpublished_changes:
        return False
    if any(getattr(story, name) != fields[name] for name in STORY_FIELDS if name in fields):
        return False
    body = [block.value.source for block in story.body if block.block_type == "paragraph"]
    return body == [clean_html(fields["body_html"])] and set(story.tags.names()) == set(
        fields["tags"]
    )


def load(stdout):
    home = default_home()
    setup_newsroom(home)
    sections = [ensure_section(home, title) for title in SECTIONS]
    existing = ArticlePage.objects.filter(legacy_id__startswith="demo-").in_bulk(
        field_name="legacy_id"
    )
    # The first story is the seed's: the radio station gets a recording of its title and lead.
    seed_title, seed_lead = STORIES[0][2], STORIES[0][3]
    recording = radio_recording(f"{seed_title}. {seed_lead}", stdout)
    published = 0
    for number, (
        section,
        when,
        title,
        lead,
        paragraphs,
        byline,
        tags,
        radio,
        province,
    ) in enumerate(STORIES, start=1):
        image = demo_image(
            title[:60], colour=[(179, 22, 11), (11, 79, 156), (30, 110, 60)][number % 3]
        )
        fields = {
            "title": title,
            "lead": lead,
            "body_html": "".join(f"<p>{text}</p>" for text in paragraphs),
            "byline": byline,
            "published_at": datetime.datetime(*when, tzinfo=VN),
            "hero_image": image,
            "hero_caption": title,
            "tags": tags,
            "for_radio": radio,
            "for_province": province,
            "radio_audio": recording if number == 1 else None,
        }
        legacy_id = f"demo-{number}"
        story = existing.get(legacy_id)
        if (
            story is not None
            and story.section_id == sections[section].pk
            and unchanged(story, fields)
        ):
            continue
        upsert_story(sections[section], legacy_id, **fields)
        published += 1
    stdout.write(
        _("News: %(sections)d sections, %(stories)d stories (%(published)d published now).")
        % {"sections": len(sections), "stories": len(STORIES), "published": published}
    )
