from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from mizui.accounts import demo as accounts_demo


class Command(BaseCommand):
    help = (
        "Load the demo: authorities, one user per role, residents and cases in every state (synthetic; safe to rerun)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
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
    from mizui.outreach import demo as outreach_demo

    return [directory_demo.load, cases_demo.load, community_demo.load, outreach_demo.load]
