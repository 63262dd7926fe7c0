"""Reads the reminder pages share."""

from ipguard.reminders.due_sources import SOURCES


def reminder_rows_named(rows, *, company, language):
    """Give each ledger row `item_title` and `item_url`: the item it reminds of, by name.

    A row takes its title when it is sent; a pending row has none yet, so the item is read (one
    query per source for the whole page). An item deleted since keeps the stored title.
    """
    rows = list(rows)
    wanted: dict[str, set[int]] = {}
    for row in rows:
        wanted.setdefault(row.source, set()).add(row.item_id)
    items = {}
    for key, ids in wanted.items():
        source = SOURCES.get(key)
        if source is None:
            continue
        queryset = source.model()._default_manager.filter(company=company, pk__in=ids)
        for item in queryset.select_related(*source.title_related):
            items[key, item.pk] = (source, item)
    for row in rows:
        found = items.get((row.source, row.item_id))
        if found is not None:
            source, item = found
            row.item_title = source.title(item, language)
            row.item_url = source.url(item)
        else:
            row.item_title = row.title or row.source
            row.item_url = ""
    return rows
