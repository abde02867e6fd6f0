"""Every URL with an object id, tried by another authority's staff: always 404 (security-checklist §4.1).

A new URL pattern with an id fails `test_it_covers_every_url_with_an_object_id` until it is added to
OBJECT_URLS with a factory that returns the id of one of authority A's objects.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import URLPattern, reverse
from django.utils.module_loading import import_string

from mizui.accounts.models import AccessAction, AccessLog
from mizui.accounts.tenancy import tenant_context
from mizui.test import (
    NATIONAL_OBJECT_URLS,
    PUBLIC_URLS,
    MizuiTestCase,
    has_object_id,
    login,
    make_case,
    make_inquiry,
    make_resident,
    url_patterns,
)

# url name → (HTTP method, kwargs naming an object of authority A)
OBJECT_URLS: dict[str, tuple[str, Callable[[MizuiTestCase], dict[str, object]]]] = {
    "accounts:member": ("get", lambda t: {"pk": t.dana_at_a.pk}),
    "accounts:member-deactivate": ("post", lambda t: {"pk": t.dana_at_a.pk}),
    # A passkey is the user's own, in no authority: nobody else, whatever their role, can even find it.
    "accounts:passkey-remove": (
        "post",
        lambda t: {"pk": import_string("mizui.accounts.tests.factories.make_passkey")(t.michal).pk},
    ),
    "cases:inquiry": ("get", lambda t: {"pk": make_inquiry(t.a).pk}),
    "cases:inquiry-close": ("post", lambda t: {"pk": make_inquiry(t.a).pk}),
    "cases:resident": ("get", lambda t: {"pk": make_resident(t.a).pk}),
    "cases:consent-add": ("post", lambda t: {"pk": make_resident(t.a).pk}),
    "cases:resident-merge": ("post", lambda t: {"pk": make_resident(t.a).pk}),
    "cases:case": ("get", lambda t: {"pk": make_case(t.a).pk}),
    "cases:case-screen": ("post", lambda t: {"pk": make_case(t.a).pk}),
    "cases:task-add": ("post", lambda t: {"pk": make_case(t.a).pk}),
    "cases:note-add": ("post", lambda t: {"pk": make_case(t.a).pk}),
    "cases:case-escalate": ("post", lambda t: {"pk": make_case(t.a).pk}),
    "cases:entitlement-advance": ("post", lambda t: {"pk": _entitlement(t)}),
    "cases:task-done": ("post", lambda t: {"pk": _task(t)}),
    "cases:document-upload": ("post", lambda t: {"pk": make_case(t.a).pk}),
    "cases:referral-send": ("post", lambda t: {"pk": make_case(t.a).pk}),
    "cases:referral-letter": (
        "get",
        lambda t: {"pk": import_string("mizui.cases.tests.factories.make_referral")(t.a, t.dana).pk},
    ),
    "cases:resident-link-issue": ("post", lambda t: {"pk": make_case(t.a).pk}),
    "cases:resident-link-revoke": (
        "post",
        lambda t: {"pk": import_string("mizui.cases.tests.resident_link_factories.make_resident_link")(t.a, t.dana).pk},
    ),
    "cases:barrier-add": ("post", lambda t: {"pk": make_case(t.a).pk}),
    "cases:barrier-resolve": (
        "post",
        lambda t: {"pk": import_string("mizui.cases.tests.test_barriers.make_barrier")(t.a, t.dana).pk},
    ),
    # Named, not imported (layers contract); the factory stores a real file, removed after the test.
    "cases:document-download": (
        "get",
        lambda t: {"pk": import_string("mizui.cases.tests.factories.make_document")(t, t.a, t.dana).pk},
    ),
    # Community (named, not imported, like the others above accounts).
    "community:volunteer": ("get", lambda t: {"pk": _community("make_volunteer")(t.a).pk}),
    "community:volunteer-training": ("post", lambda t: {"pk": _community("make_volunteer")(t.a).pk}),
    "community:volunteer-hours": ("post", lambda t: {"pk": _community("make_volunteer")(t.a).pk}),
    "community:case-match": ("get", lambda t: {"pk": make_case(t.a).pk}),
    "community:volunteer-review": ("get", lambda t: {"pk": _community("make_volunteer")(t.a).pk}),
    "community:volunteer-retrained": ("post", lambda t: {"pk": _community("make_volunteer")(t.a).pk}),
    "community:supervision-session": ("get", lambda t: {"pk": _community("make_session")(t.a).pk}),
    "community:checklist-item": ("get", lambda t: {"pk": _community("make_checklist_item")(t.a).pk}),
    "community:review": ("get", lambda t: {"pk": _community("make_review")(t.a).pk}),
    "community:agency-link-revoke": ("post", lambda t: {"pk": _community("make_agency_link")(t.a)[0].pk}),
    "community:trustee": ("get", lambda t: {"pk": _community("make_trustee")(t.a).pk}),
    "community:trustee-training": ("post", lambda t: {"pk": _community("make_trustee")(t.a).pk}),
    "community:lead": ("get", lambda t: {"pk": _community("make_lead")(t.a).pk}),
    "community:event": ("get", lambda t: {"pk": _community("make_initiative")(t.a).pk}),
    "community:event-edit": ("post", lambda t: {"pk": _community("make_initiative")(t.a).pk}),
    "community:event-partner": ("post", lambda t: {"pk": _community("make_initiative")(t.a).pk}),
    "community:commitment-add": ("post", lambda t: {"pk": _community("make_initiative")(t.a, "forum").pk}),
    "community:event-evidence": ("post", lambda t: {"pk": _community("make_initiative")(t.a, "forum").pk}),
    "community:story-new": ("get", lambda t: {"pk": make_case(t.a).pk}),
    "community:story": ("get", lambda t: {"pk": _community("make_story")(t.a).pk}),
    "community:story-approve": ("post", lambda t: {"pk": _community("make_story")(t.a).pk}),
    "community:story-meeting": ("post", lambda t: {"pk": _community("make_story")(t.a).pk}),
    "community:story-report": ("post", lambda t: {"pk": _community("make_story")(t.a).pk}),
    "community:commitment-done": ("post", lambda t: {"pk": _community("make_commitment")(t.a).pk}),
    # Named, not imported (layers contract): outreach's factories build authority A's objects.
    "outreach:import": ("get", lambda t: {"pk": import_string("mizui.outreach.tests.factories.make_import")(t).pk}),
    "outreach:import-start": (
        "post",
        lambda t: {"pk": import_string("mizui.outreach.tests.factories.make_import")(t).pk},
    ),
    "outreach:import-sheet": (
        "post",
        lambda t: {"pk": import_string("mizui.outreach.tests.factories.make_import")(t).pk},
    ),
    "outreach:import-recode": (
        "post",
        lambda t: {"pk": import_string("mizui.outreach.tests.factories.make_import")(t).pk},
    ),
    "outreach:quarantine-fix": ("get", lambda t: import_string("mizui.outreach.tests.factories.make_quarantined")(t)),
    "outreach:run": ("get", lambda t: {"pk": import_string("mizui.outreach.tests.factories.make_run")(t).pk}),
    "outreach:run-resume": ("post", lambda t: {"pk": import_string("mizui.outreach.tests.factories.make_run")(t).pk}),
    "outreach:campaign": ("get", lambda t: {"pk": import_string("mizui.outreach.tests.factories.make_campaign")(t).pk}),
    "outreach:campaign-launch": (
        "post",
        lambda t: {"pk": import_string("mizui.outreach.tests.factories.make_campaign")(t).pk},
    ),
    "outreach:campaign-send": (
        "post",
        lambda t: {"pk": import_string("mizui.outreach.tests.factories.make_campaign")(t).pk},
    ),
    "outreach:campaign-letters": (
        "post",
        lambda t: {"pk": import_string("mizui.outreach.tests.factories.make_campaign")(t).pk},
    ),
    "outreach:target-contact": (
        "post",
        lambda t: {"pk": import_string("mizui.outreach.tests.factories.make_target")(t).pk},
    ),
    "outreach:target-respond": (
        "post",
        lambda t: {"pk": import_string("mizui.outreach.tests.factories.make_target")(t).pk},
    ),
    "outreach:target-call": (
        "get",
        lambda t: {"pk": import_string("mizui.outreach.tests.factories.make_target")(t).pk},
    ),
    "outreach:target-confirm": (
        "post",
        lambda t: {"pk": import_string("mizui.outreach.tests.factories.make_target")(t).pk},
    ),
    # An authority's own office of a national organization (directory, decision 0007).
    "directory:office-edit": (
        "get",
        lambda t: {"pk": import_string("mizui.directory.tests.factories.make_office")(t.a).pk},
    ),
    # Named, not imported: mizui.api sits above accounts in the layers contract.
    "api-tokens:revoke": (
        "post",
        lambda t: {"pk": import_string("mizui.api.tests.factories.make_api_token")(t.a)[0].pk},
    ),
}


def _community(factory: str) -> Callable[..., Any]:
    return import_string(f"mizui.community.tests.factories.{factory}")  # type: ignore[no-any-return]


def _entitlement(t: MizuiTestCase) -> int:
    case = make_case(t.a)
    with tenant_context(t.a):
        return int(case.entitlements.get().pk)


def _task(t: MizuiTestCase) -> int:
    import datetime as dt

    from mizui.cases.services import add_task

    case = make_case(t.a)
    with tenant_context(t.a):
        return int(add_task(t.dana, case, title="לבדוק", due_on=dt.date(2026, 12, 1), owner=t.dana).pk)


def missing_from_matrix(patterns: list[tuple[str, URLPattern]]) -> list[str]:
    return sorted(
        name
        for name, p in patterns
        if has_object_id(p) and name not in OBJECT_URLS and name not in PUBLIC_URLS | NATIONAL_OBJECT_URLS
    )


class AccessMatrixTests(MizuiTestCase):
    def test_it_covers_every_url_with_an_object_id(self) -> None:
        patterns = url_patterns()
        self.assertEqual(missing_from_matrix(patterns), [])
        known = {name for name, _ in patterns}
        self.assertEqual(sorted(set(OBJECT_URLS) - known), [], "matrix entries for URLs that no longer exist")

    def test_it_would_notice_a_new_url_left_out_of_the_matrix(self) -> None:
        _, member = next(item for item in url_patterns() if item[0] == "accounts:member")
        self.assertEqual(missing_from_matrix([("cases:new-thing", member)]), ["cases:new-thing"])

    def test_it_answers_404_to_other_authorities(self) -> None:
        for name, (method, kwargs_for) in OBJECT_URLS.items():
            url = reverse(name, kwargs=kwargs_for(self))
            for intruder in (self.omar, self.boaz):
                with self.subTest(url=name, intruder=intruder.email):
                    login(self.client, intruder)
                    response = getattr(self.client, method)(url)
                    # Omar's role may stop him before the lookup (403); Boaz, a manager, must get 404.
                    expected = {404} if intruder == self.boaz else {403, 404}
                    self.assertIn(response.status_code, expected)

    def test_it_lets_the_owning_authority_in(self) -> None:
        # Without this the 404s above could come from a broken URL rather than from the access check.
        for name, (method, kwargs_for) in OBJECT_URLS.items():
            with self.subTest(url=name):
                login(self.client, self.michal)
                response = getattr(self.client, method)(reverse(name, kwargs=kwargs_for(self)))
                self.assertIn(response.status_code, {200, 302})

    def test_it_logs_the_denial(self) -> None:
        login(self.client, self.boaz)
        self.client.get(reverse("accounts:member", kwargs={"pk": self.dana_at_a.pk}))
        with tenant_context(self.b, self.boaz):
            denial = AccessLog.objects.get(user=self.boaz, action=AccessAction.DENIED)
        self.assertEqual(
            (denial.object_type, denial.object_id, denial.authority_id),
            ("membership", str(self.dana_at_a.pk), self.b.pk),
        )
