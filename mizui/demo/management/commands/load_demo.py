from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mizui.accounts import demo as accounts_demo


class Command(BaseCommand):
    help = (
        "Load the demo: authorities, one user per role, residents and cases in every state (synthetic; safe to rerun)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.MIZUI_DEMO:
            # The demo makes an administrator of every authority with a published password: never in production.
            raise CommandError("load_demo runs only in demo mode (MIZUI_DEMO=1, as `make run` sets it).")
        authorities = accounts_demo.load()
        for step in demo_steps():
            step(authorities)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        for line in accounts_demo.logins():
            self.stdout.write(line)


def demo_steps() -> list[Any]:
    """Each app's demo loader, in dependency order; an app adds itself here."""
    from mizui.cases import demo as cases_demo
    from mizui.community import demo as community_demo
    from mizui.directory import demo as directory_demo
    from mizui.outcomes import demo as outcomes_demo
    from mizui.outreach import demo as outreach_demo

    return [directory_demo.load, cases_demo.load, community_demo.load, outreach_demo.load, outcomes_demo.load]
