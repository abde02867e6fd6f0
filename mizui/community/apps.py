"""Volunteers, rights trustees, initiatives and forums."""

from __future__ import annotations

from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "mizui.community"
    verbose_name = "קהילה"

    def ready(self) -> None:
        # Intake (cases) offers and checks the codes of this app's events; cases cannot import community.
        from mizui.cases import event_codes
        from mizui.community.services.initiatives import code_choices

        event_codes.register(code_choices)
        # The case page's barrier card shows what agencies answered through their links (cases/barrier_answers.py).
        from mizui.cases import barrier_answers
        from mizui.community.services.agencies import answers_for_barriers

        barrier_answers.register(answers_for_barriers)
        from mizui.accounts import home
        from mizui.community import home as community_home

        home.register(community_home.provider)
