from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mizui.accounts.models import User
from mizui.accounts.services import disable_user


class Command(BaseCommand):
    help = "Disable a user in every authority and end all of their sessions at once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["email"]).first()
        if user is None:
            raise CommandError(f"No user with email {options['email']!r}")
        ended = disable_user(user)
        self.stdout.write(f"Disabled {user.email}; ended {ended} sessions.")
