from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mizui.accounts.models import Authority
from mizui.api.models import Scope
from mizui.api.services import create_api_token


class Command(BaseCommand):
    help = "Create an API key for an authority and print it once; only its hash is stored."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--authority", required=True, help="the authority's slug")
        parser.add_argument("--name", required=True, help="who or what the key is for")
        parser.add_argument(
            "--scopes", default=",".join(Scope.values), help=f"comma-separated, of: {', '.join(Scope.values)}"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        authority = Authority.objects.filter(slug=options["authority"]).first()
        if authority is None:
            raise CommandError(f"No authority with slug {options['authority']!r}")
        scopes = [s.strip() for s in options["scopes"].split(",") if s.strip()]
        unknown = sorted(set(scopes) - set(Scope.values))
        if unknown or not scopes:
            raise CommandError(f"Scopes must be some of {', '.join(Scope.values)}; got {options['scopes']!r}")
        token, key = create_api_token(None, authority=authority, name=options["name"], scopes=scopes)
        self.stderr.write(f"Created key {token.prefix}… for {authority.slug} ({', '.join(token.scopes)}).")
        self.stderr.write("Store it now; it is not shown again:")
        self.stdout.write(key)
