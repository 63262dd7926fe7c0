from django import template

from ipguard.evidence.deposits import deposits_covering

register = template.Library()


@register.inclusion_tag("evidence/_deposits.html", takes_context=True)
def record_deposits(context, record):
    return {
        "record": record,
        "deposits": deposits_covering(record),
        "can_edit": bool((context.get("may") or {}).get("edit")),
    }


@register.inclusion_tag("evidence/_tracks.html")
def record_tracks(record, compact=False):
    """The tracks table; `compact` (the one-page certificate) gives where each counts in a few
    words and the sources below the table."""
    from ipguard.evidence.tracks import record_tracks as tracks_of

    return {"tracks": tracks_of(record), "compact": compact}


@register.simple_tag
def evidence_track_facts(keys=None):
    """What each track is good for (for snapshots that store only track keys)."""
    from ipguard.evidence.tracks import FACTS_BY_KEY, TRACK_FACTS

    return [FACTS_BY_KEY[key] for key in keys if key in FACTS_BY_KEY] if keys else TRACK_FACTS


@register.filter
def track_name(key):
    from ipguard.evidence.tracks import FACTS_BY_KEY

    facts = FACTS_BY_KEY.get(key)
    return facts.name if facts else key


@register.filter
def track_status(track):
    """'<status label> <date>' for a track stored as data (TrackStatus.as_data)."""
    from ipguard.evidence.tracks import STATUS_LABELS

    label = str(STATUS_LABELS.get(track.get("status"), track.get("status")))
    return f"{label} {track['at'][:10]}" if track.get("at") else label


@register.inclusion_tag("evidence/_ots_summary.html", takes_context=True)
def ots_summary(context):
    """The company's Bitcoin anchors, each replayed from its chain hash (no header fetched)."""
    from django.conf import settings

    from ipguard.evidence import ots
    from ipguard.evidence.models import OtsProof
    from ipguard.evidence.ots_anchoring import ots_check_messages

    company = context["request"].company
    rows = []
    for proof in OtsProof.objects.filter(company=company).order_by("-position")[:10]:
        check = ots.verify(proof.entry_hash, bytes(proof.proof), expected_root=proof.merkle_root)
        rows.append({"proof": proof, "check": check, "lines": ots_check_messages(check)})
    return {"rows": rows, "configured": bool(settings.EVIDENCE_OTS_CALENDARS)}
