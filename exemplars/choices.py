"""What an exemplar is and how it was commended; the import accepts the codes and the labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExemplarKind(models.TextChoices):
    INDIVIDUAL = "ca_nhan", _("Individual")
    COLLECTIVE = "tap_the", _("Collective")
    MODEL = "mo_hinh", _("Grassroots model")


class AwardLevel(models.TextChoices):
    DISTRICT = "huyen", _("District")
    PROVINCE = "tinh", _("Province")
    CENTRAL = "trung_uong", _("Central")


class AwardType(models.TextChoices):
    CERTIFICATE = "giay_khen", _("Certificate of merit")
    DIPLOMA = "bang_khen", _("Diploma of merit")
    EMULATION_FLAG = "co_thi_dua", _("Emulation flag")
    TITLE = "danh_hieu", _("Honorary title")
    OTHER = "khac", _("Other")
