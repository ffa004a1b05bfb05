from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    """Values are the kind's name folded, so that they are the parser's kind words."""

    DIRECTIVE = "chi_thi", _("Directive")
    RESOLUTION = "nghi_quyet", _("Resolution")
    REGULATION = "quy_dinh", _("Regulation")
    DECISION = "quyet_dinh", _("Decision")
    PLAN = "ke_hoach", _("Plan")
    GUIDANCE = "huong_dan", _("Guidance")
    ANNOUNCEMENT = "thong_bao", _("Announcement")
    CONCLUSION = "ket_luan", _("Conclusion")
    OFFICIAL_LETTER = "cong_van", _("Official letter")
    PROGRAMME = "chuong_trinh", _("Programme")
    REPORT = "bao_cao", _("Report")
    CIRCULAR = "thong_tu", _("Circular")
    DECREE = "nghi_dinh", _("Decree")
    OTHER = "khac", _("Other")

    @property
    def word(self):
        """The kind as the reference parser reads it ("chi thi"), None for "other"."""
        return None if self == DocumentKind.OTHER else self.value.replace("_", " ")


class DocumentLevel(models.TextChoices):
    CENTRAL = "trung_uong", _("Central")
    PROVINCIAL_PARTY = "tinh_uy", _("Provincial Party Committee")
    DISTRICT_PARTY = "huyen_uy", _("District Party Committee")
    COMMUNE_PARTY = "dang_uy_xa", _("Commune Party Committee")
    GOVERNMENT = "chinh_phu", _("Government and ministries")
    PROVINCIAL_PEOPLE = "ubnd_tinh", _("Provincial People's Committee")
    DISTRICT_PEOPLE = "ubnd_huyen", _("District People's Committee")
    COMMUNE_PEOPLE = "ubnd_xa", _("Commune People's Committee")
    OTHER = "khac", _("Other")
