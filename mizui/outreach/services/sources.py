"""A source's own words for values: what its files write, saved as the contract's values they mean."""

from __future__ import annotations

from django.db import transaction

from mizui.accounts.audit import record
from mizui.accounts.models import AccessAction, User
from mizui.outreach.models import Source
from mizui.outreach.services.fields import CODED
from mizui.outreach.services.reading import choices_for

WRITTEN_MAX = 200  # a recoded value as a file writes it: longer is not a code


def add_recoding(actor: User, *, source: Source, recoding: dict[str, dict[str, str]]) -> Source:
    """Add `recoding` ({field: {value as written: contract value}}) to the source's own table, keeping what is there.
    Raises ValueError for a field that is not coded or a value the field does not take. Call inside the tenant."""
    with transaction.atomic():
        locked = Source.objects.select_for_update().get(pk=source.pk)
        table = {name: dict(values) for name, values in (locked.recode or {}).items()}
        for name, values in recoding.items():
            allowed = {code for code, _label in choices_for(name)} if name in CODED else set()
            for written, target in values.items():
                if target not in allowed or not written.strip() or len(written) > WRITTEN_MAX:
                    raise ValueError(f"{name}: {target!r} is not a value of the field")
                table.setdefault(name, {})[" ".join(written.split())] = target
        locked.recode = table
        locked.save(update_fields=["recode"])
        record(
            actor=actor,
            authority=locked.authority,
            action=AccessAction.UPDATE,
            object_type="outreach_source",
            object_id=locked.pk,
        )
    return locked
