"""Due items for reminder tests. Kept here so the portfolio branch's own factories can differ."""

from ipguard.portfolio.models import Asset, Deadline, Filing


def make_deadline(company, *, due_date, owner=None, label="Renewal", status="open", **fields):
    asset = Asset.objects.create(company=company, right="trademark", name="SUNRISE", owner=owner)
    filing = Filing.objects.create(asset=asset, office="CN", number="12345678")
    return Deadline.objects.create(
        company=company,
        filing=filing,
        key=f"renewal:{Deadline.objects.count()}",
        kind="renewal",
        label=label,
        due_date=due_date,
        status=status,
        **fields,
    )
