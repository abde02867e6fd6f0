from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mizui.accounts.models import Authority
from mizui.accounts.tenancy import tenant_context
from mizui.api.models import ApiToken
from mizui.api.services import revoke_api_token


class Command(BaseCommand):
    help = "Revoke an authority's API key, named by its 8-character prefix; it stops working at once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("prefix")
        parser.add_argument("--authority", required=True, help="the authority's slug")

    def handle(self, *args: Any, **options: Any) -> None:
        authority = Authority.objects.filter(slug=options["authority"]).first()
        if authority is None:
            raise CommandError(f"No authority with slug {options['authority']!r}")
        with tenant_context(authority):
            tokens = list(ApiToken.objects.for_authority(authority).active().filter(prefix=options["prefix"]))
        if len(tokens) != 1:
            found = "No active key" if not tokens else f"{len(tokens)} active keys"
            raise CommandError(f"{found} with prefix {options['prefix']!r} in {authority.slug}")
        revoke_api_token(None, token=tokens[0])
        self.stdout.write(f"Revoked {tokens[0]}.")
