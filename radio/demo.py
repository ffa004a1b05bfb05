"""The demo's radio desk: the newsroom's groups may work it. (The seed's programmes and
figures come with the yearly work report, docs/radio.md.)"""

from django.utils.translation import gettext as _

from .roles import setup_radio_desk

LOAD_AFTER = ("news",)


def load(stdout):
    setup_radio_desk()
    stdout.write(
        _("Radio desk: reporters and the editorial board receive stories and build programmes.")
    )
