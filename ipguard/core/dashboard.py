"""Apps add panels to the dashboard by listing a function here; each returns a dict or None.

A panel is {"template": "<app>/_panel.html", ...context}. Keeping the list in one place makes
the dashboard's order explicit.
"""

from importlib import import_module

PANEL_PROVIDERS = [
    "ipguard.playbooks.dashboard.health_panel",
    "ipguard.evidence.dashboard.evidence_panel",
    "ipguard.portfolio.dashboard.deadlines_panel",
    "ipguard.reminders.panels.failed_reminders_panel",
    "ipguard.products.dashboard.products_panel",
]


def collect_panels(request):
    panels = []
    for dotted in PANEL_PROVIDERS:
        module_name, function_name = dotted.rsplit(".", 1)
        panel = getattr(import_module(module_name), function_name)(request)
        if panel:
            panels.append(panel)
    return panels
