"""Directory rows for tests of other apps (the access matrix names them, not imports them)."""

from __future__ import annotations

from mizui.accounts.models import Authority
from mizui.accounts.tenancy import tenant_context
from mizui.directory.models import AuthorityLocation, Organization


def make_organization(key: str = "test-partner", **fields: object) -> Organization:
    organization, _ = Organization.objects.get_or_create(key=key, defaults={"name_he": "גוף שותף לבדיקה", **fields})
    return organization


def make_office(
    authority: Authority, name: str = "מחלקת הגבייה של הרשות", organization: Organization | None = None
) -> AuthorityLocation:
    """One of `authority`'s own offices, of a national organization."""
    with tenant_context(authority):
        count = AuthorityLocation.objects.for_authority(authority).count()
        return AuthorityLocation.objects.create(
            authority=authority,
            key=f"office-{count + 1}",
            organization=organization or make_organization(),
            name=name,
        )
