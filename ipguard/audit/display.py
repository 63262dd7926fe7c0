"""An audit event's changes worded in the reader's language, at read time.

Events store field names and stored values ("role": ["editor", "viewer"]); the page shows the
field's verbose name and a choice's label in the active language ("角色: 编辑 → 查看者"), as
ipguard.lib.history does for history entries. The field is looked up on the model the event
names (`object_type`), or on the model a code's fields belong to when the object is another
(a member's role is the membership's field, the event names the person). The audit app imports
no other app: models are found through the app registry by name.
"""

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Fields an event records that are not fields of its object's model: code prefix or field ->
# the model label whose field it is.
FIELD_MODELS = {
    "member.": "accounts.Membership",
    "company.": "accounts.Company",
    "market.": "products.ProductMarket",
}
# Parameters that are not model fields at all.
EXTRA_LABELS = {
    "files": _("files"),
    "reason": _("reason"),
    "email": _("email"),
    "overall_score": _("overall score"),
    "brands": _("brands"),
}


@dataclass(frozen=True)
class ChangeRow:
    field: str
    old: str
    new: str
    has_values: bool


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _model_named(model_name: str):
    if not model_name:
        return None
    for model in apps.get_models():
        if model._meta.model_name == model_name and model.__module__.startswith("ipguard."):
            return model
    return None


def _field(event, name: str):
    candidates = [_model_named(event.object_type)]
    for prefix, label in FIELD_MODELS.items():
        if event.code.startswith(prefix):
            candidates.insert(0, _model(label))
    for model in candidates:
        if model is None:
            continue
        try:
            return model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
    return None


def _choices(field) -> dict:
    if field is None:
        return {}
    base = getattr(field, "base_field", None)  # an ArrayField of choices (a product's channels)
    flat = field.flatchoices or (base.flatchoices if base is not None else None) or []
    return {str(value): label for value, label in flat}


def _value(value, choices: dict) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, list):
        return ", ".join(_value(item, choices) for item in value) or "—"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_value(v, choices)}" for k, v in value.items())
    return str(choices.get(str(value), value))


def change_rows(event) -> list[ChangeRow]:
    """One row per recorded field: its name and old -> new, in the active language."""
    rows = []
    for name, change in (event.changes or {}).items():
        field = _field(event, name)
        if field is not None and getattr(field, "verbose_name", None):
            label = str(field.verbose_name)
        else:
            label = str(EXTRA_LABELS.get(name, name))
        choices = _choices(field)
        if isinstance(change, list) and len(change) == 2:
            old, new = change
            rows.append(
                ChangeRow(
                    label,
                    _value(old, choices),
                    _value(new, choices),
                    has_values=old is not None or new is not None,
                )
            )
        else:  # a parameter, not a change (an invitation's address)
            rows.append(ChangeRow(label, "", _value(change, choices), has_values=False))
    return rows
