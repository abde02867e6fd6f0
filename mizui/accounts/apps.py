"""Users, authorities (tenants), memberships and roles, MFA, the access log."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _apply_rls(using: str = "default", plan: Any = None, **kwargs: Any) -> None:
    if plan is None:
        return  # `flush` also sends post_migrate (without a plan); the schema did not change.
    from django.db import connections

    from mizui.accounts.rls import apply_row_level_security

    apply_row_level_security(connections[using])


class AccountsConfig(AppConfig):
    name = "mizui.accounts"
    verbose_name = "משתמשים והרשאות"

    def ready(self) -> None:
        from mizui.accounts import checks  # noqa: F401  (registers the production checks)

        # After every migrate, so no table with authority_id is ever left without a policy.
        post_migrate.connect(_apply_rls, sender=self, dispatch_uid="mizui-apply-rls")
