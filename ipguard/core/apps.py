from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ipguard.core"
    verbose_name = _("Core")

    def ready(self):
        from ipguard.lib.fragments import connect_signals

        connect_signals()
