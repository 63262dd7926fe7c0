"""What an audit event can say: a code per kind of change, rendered in the reader's language.

Events store the code and its parameters (never a translated sentence); the page renders them.
"""

from django.utils.translation import gettext_lazy as _

# code -> (category, label). Categories are the filter on the audit page.
EVENTS = {
    "answers.saved": ("answers", _("Health-check answers saved")),
    "assessment.submitted": ("answers", _("Health check submitted")),
    "action.created": ("actions", _("Action created")),
    "action.status_changed": ("actions", _("Action status changed")),
    "action.updated": ("actions", _("Action owner or due date changed")),
    "action.snoozed": ("actions", _("Action snoozed")),
    "filing.created": ("filings", _("Filing added")),
    "filing.updated": ("filings", _("Filing changed")),
    "filing.archived": ("filings", _("Filing archived")),
    "filing.restored": ("filings", _("Filing restored")),
    "deadline.status_changed": ("deadlines", _("Deadline status changed")),
    "deadline.snoozed": ("deadlines", _("Deadline snoozed")),
    "member.invited": ("members", _("Member invited")),
    "member.invitation_withdrawn": ("members", _("Invitation withdrawn")),
    "member.joined": ("members", _("Member joined")),
    "member.removed": ("members", _("Member removed")),
    "member.role_changed": ("roles", _("Role changed")),
    "evidence.recorded": ("evidence", _("Evidence recorded")),
    "company.settings_changed": ("settings", _("Company settings changed")),
    "company.exported": ("settings", _("Company data exported")),
    "product.created": ("products", _("Product added")),
    "product.updated": ("products", _("Product changed")),
    "market.saved": ("products", _("Product market added or changed")),
    "market.fto_waived": ("products", _("Launch without an FTO review recorded (waiver)")),
    "fto_review.recorded": ("products", _("FTO review recorded")),
    "security.two_factor_on": ("security", _("Two-step verification turned on")),
    "security.two_factor_off": ("security", _("Two-step verification turned off")),
    "security.recovery_codes_renewed": ("security", _("Recovery codes renewed")),
}

CATEGORIES = {
    "answers": _("Answers"),
    "actions": _("Actions"),
    "filings": _("Filings"),
    "deadlines": _("Deadlines"),
    "members": _("Members"),
    "roles": _("Roles"),
    "evidence": _("Evidence"),
    "settings": _("Settings"),
    "products": _("Products and markets"),
    "security": _("Security"),
}


def codes_in(category: str) -> list[str]:
    return [code for code, (group, _label) in EVENTS.items() if group == category]
