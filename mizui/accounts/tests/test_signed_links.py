"""Every signed link, tried on every other kind's page (security-checklist: single-purpose tokens): a resident's link,
an agency's, a partner's referral and a person's calendar feed each open their own page and nothing else. Issue 22's
two links (the resident's and the agency's) also expire and can be revoked, and each open and each refusal that names
an authority is in the access log with no user (the link is the actor)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from mizui.accounts.models import AccessAction, AccessLog
from mizui.accounts.tenancy import tenant_context
from mizui.test import MizuiTestCase, make_case

REFUSED = {403, 404, 410}
PAGES: dict[str, Callable[[str], str]] = {
    "resident": lambda token: reverse("cases:resident-page", kwargs={"token": token}),
    "agency": lambda token: reverse("community:agency-barriers", kwargs={"token": token}),
    "referral": lambda token: reverse("cases:partner-referral", kwargs={"token": token}),
    "calendar": lambda token: reverse("cases:calendar-feed", kwargs={"token": token}),
}


class SignedLinkTests(MizuiTestCase):
    def setUp(self) -> None:
        from mizui.cases.models import ResidentLinkChannel
        from mizui.cases.services import calendar, referrals, resident_links

        with tenant_context(self.a):
            self.resident_link, url = resident_links.issue_link(
                self.dana,
                make_case(self.a),
                channel=ResidentLinkChannel.PRINT,
                language="he",
                absolute_url=lambda path: path,
            )
        self.agency_link, agency = import_string("mizui.community.tests.factories.make_agency_link")(self.a)
        referral = import_string("mizui.cases.tests.factories.make_referral")(self.a, self.dana)
        with tenant_context(self.a):
            referral.token_hash = referrals._hash("referral-nonce")
            referral.save(update_fields=["token_hash"])
            feed = calendar.new_link(self.dana, self.a)
        self.tokens = {
            "resident": url.rstrip("/").rsplit("/", 1)[1],
            "agency": agency,
            "referral": referrals.make_token(referral, "referral-nonce"),
            "calendar": feed,
        }

    def test_each_link_opens_its_own_page(self) -> None:
        for kind, token in self.tokens.items():
            with self.subTest(kind=kind):
                self.assertEqual(self.client.get(PAGES[kind](token)).status_code, 200)

    def test_no_link_opens_another_kinds_page(self) -> None:
        for kind, token in self.tokens.items():
            for page, path in PAGES.items():
                if page == kind:
                    continue
                with self.subTest(link=kind, page=page):
                    self.assertIn(self.client.get(path(token)).status_code, REFUSED)

    def test_issue_22s_links_expire_and_can_be_revoked(self) -> None:
        from mizui.cases.services import resident_links
        from mizui.community.services import agencies

        for kind in ("resident", "agency"):
            path = PAGES[kind](self.tokens[kind])
            with self.subTest(kind=kind), time_machine.travel(timezone.now() + dt.timedelta(days=400)):
                self.assertEqual(self.client.get(path).status_code, 410)
        with tenant_context(self.a):
            resident_links.revoke_link(self.dana, self.resident_link)
            agencies.revoke_link(self.dana, self.agency_link)
        for kind in ("resident", "agency"):
            with self.subTest(kind=kind):
                self.assertEqual(self.client.get(PAGES[kind](self.tokens[kind])).status_code, 410)

    def test_each_open_and_each_refusal_is_logged_with_no_user(self) -> None:
        from mizui.cases.services import resident_links
        from mizui.community.services import agencies

        for kind in ("resident", "agency"):
            self.client.get(PAGES[kind](self.tokens[kind]))
        with tenant_context(self.a):
            resident_links.revoke_link(self.dana, self.resident_link)
            agencies.revoke_link(self.dana, self.agency_link)
        for kind in ("resident", "agency"):
            self.client.get(PAGES[kind](self.tokens[kind]))
        with tenant_context(self.a):
            logged = set(
                AccessLog.objects.filter(
                    user=None, object_type__in=["resident_link", "agency_link"], authority=self.a
                ).values_list("object_type", "action", "object_id")
            )
        self.assertEqual(
            logged,
            {
                ("resident_link", AccessAction.VIEW, str(self.resident_link.pk)),
                ("resident_link", AccessAction.DENIED, str(self.resident_link.pk)),
                ("agency_link", AccessAction.VIEW, str(self.agency_link.pk)),
                ("agency_link", AccessAction.DENIED, str(self.agency_link.pk)),
            },
        )
