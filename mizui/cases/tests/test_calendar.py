"""The deadline calendar: the page by date with overdue in red, and the iCal feed at a signed, revocable link."""

from __future__ import annotations

import datetime as dt
import re

import time_machine
from django.test import Client
from django.urls import reverse

from mizui.accounts.models import AccessAction, AccessLog, Membership, Role
from mizui.accounts.tenancy import tenant_context
from mizui.cases.models import CalendarFeed, Entitlement, Task, TaskKind
from mizui.cases.services import complete_task
from mizui.cases.services.calendar import Entry, escape_text, fold, to_ical
from mizui.test import MizuiTestCase, login, make_case, make_membership, make_user

TODAY = dt.datetime(2026, 6, 15, 9, tzinfo=dt.UTC)
LONG_TITLE = "להגיש ערר על דחיית הבטחת הכנסה, לצרף תלושים; לבדוק גם את השלמת ההכנסה לקצבת זקנה\nולהתקשר לתושבת"


def unfold(body: str) -> list[str]:
    """The content lines of an iCal body (RFC 5545 §3.1): CRLF line ends, continuations opening with a space."""
    return body.replace("\r\n ", "").split("\r\n")[:-1]


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def events(body: str) -> list[dict[str, str]]:
    """Each VEVENT as {property name with its parameters: value}."""
    found: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in unfold(body):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            found.append(current)
            current = None
        elif current is not None:
            name, value = line.split(":", 1)
            current[name] = value
    return found


def check_structure(test: MizuiTestCase, body: str) -> None:
    test.assertTrue(body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
    test.assertTrue(body.endswith("END:VCALENDAR\r\n"))
    test.assertNotIn("\n", body.replace("\r\n", ""), "every line ends in CRLF")
    for line in body.split("\r\n"):
        test.assertLessEqual(len(line.encode()), 75, line)
    lines = unfold(body)
    test.assertEqual(lines.count("BEGIN:VEVENT"), lines.count("END:VEVENT"))


@time_machine.travel(TODAY, tick=False)
class CalendarFeedTests(MizuiTestCase):
    def setUp(self) -> None:
        self.case = make_case(self.a, lawyer=self.dana, id_number="000000018")
        self.late = self._task(self.dana, TODAY.date() - dt.timedelta(days=3), "להגיש טופס 1")
        self.soon = self._task(self.dana, TODAY.date() + dt.timedelta(days=5), LONG_TITLE)
        self.others = self._task(self.michal, TODAY.date() + dt.timedelta(days=1), "משימה של מיכל")
        other_case = make_case(self.b, lawyer=self.omar, id_number="000000026")
        with tenant_context(self.b):
            Task.objects.create(
                authority=self.b, case=other_case, title="משימה ברשות אחרת", due_on=TODAY.date(), owner=self.omar
            )

    def _task(self, owner, due: dt.date, title: str, **fields) -> Task:
        with tenant_context(self.a):
            return Task.objects.create(authority=self.a, case=self.case, title=title, due_on=due, owner=owner, **fields)

    def _new_link(self) -> str:
        """Make a link from the page, as its person does, and read it off the page that shows it once."""
        login(self.client, self.dana)
        response = self.client.post(reverse("cases:calendar-link"), follow=True)
        html = response.content.decode()
        match = re.search(r'id="calendar-link-url" type="text" value="([^"]+)"', html)
        assert match, html
        again = self.client.get(reverse("cases:calendar")).content.decode()
        self.assertNotIn(match.group(1), again, "the link is shown once: only its hash is stored")
        return match.group(1).replace("http://testserver", "")

    def _fetch(self, url: str):
        return Client().get(url)  # a calendar app: nobody signed in

    def test_the_feed_is_valid_icalendar_with_one_event_per_open_task_on_its_date(self) -> None:
        url = self._new_link()
        response = self._fetch(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/calendar; charset=utf-8")
        body = response.content.decode()
        check_structure(self, body)
        found = {e["UID"]: e for e in events(body)}
        self.assertEqual(set(found), {f"task-{self.late.pk}@127.0.0.1", f"task-{self.soon.pk}@127.0.0.1"})
        late = found[f"task-{self.late.pk}@127.0.0.1"]
        self.assertEqual(late["DTSTART;VALUE=DATE"], "20260612")
        self.assertEqual(late["DTEND;VALUE=DATE"], "20260613")
        soon = found[f"task-{self.soon.pk}@127.0.0.1"]
        self.assertEqual(soon["DTSTART;VALUE=DATE"], "20260620")
        # Commas, semicolons and the line break escaped; the long Hebrew title folded and read back whole.
        self.assertIn("\\,", soon["SUMMARY"])
        self.assertIn("\\;", soon["SUMMARY"])
        self.assertIn("\\n", soon["SUMMARY"])
        self.assertEqual(unescape(soon["SUMMARY"]), LONG_TITLE)
        self.assertEqual(unescape(soon["DESCRIPTION"]), f"תיק מס׳ {self.case.pk}")
        self.assertTrue(soon["URL"].endswith(f"/staff/cases/{self.case.pk}/"))
        self.assertNotIn("000000018", body)
        self.assertNotIn("בן חיים", body)  # the resident's name stays out
        # The UID stays the same from one fetch to the next.
        self.assertEqual(set(found), {e["UID"] for e in events(self._fetch(url).content.decode())})

    def test_a_done_task_leaves_the_feed(self) -> None:
        url = self._new_link()
        with tenant_context(self.a):
            complete_task(self.dana, self.late)
        uids = {e["UID"] for e in events(self._fetch(url).content.decode())}
        self.assertEqual(uids, {f"task-{self.soon.pk}@127.0.0.1"})

    def test_another_persons_tasks_never_appear(self) -> None:
        body = self._fetch(self._new_link()).content.decode()
        self.assertNotIn("משימה של מיכל", body)
        self.assertNotIn("משימה ברשות אחרת", body)
        self.assertNotIn(f"task-{self.others.pk}@", body)

    def test_a_new_link_revokes_the_old_one_and_stopping_revokes_both(self) -> None:
        first = self._new_link()
        second = self._new_link()
        self.assertNotEqual(first, second)
        self.assertEqual(self._fetch(first).status_code, 404)
        self.assertEqual(self._fetch(second).status_code, 200)
        self.client.post(reverse("cases:calendar-link-stop"))
        self.assertEqual(self._fetch(second).status_code, 404)
        with tenant_context(self.a):
            self.assertFalse(CalendarFeed.objects.filter(user=self.dana).exists())

    def test_a_tampered_link_or_one_of_a_person_who_left_answers_404(self) -> None:
        url = self._new_link()
        token = url.removeprefix("/calendar/").removesuffix(".ics")
        self.assertEqual(self._fetch(f"/calendar/{token[:-2]}xx.ics").status_code, 404)
        self.assertEqual(self._fetch("/calendar/not-a-token.ics").status_code, 404)
        with tenant_context(self.a):
            Membership.objects.filter(pk=self.dana_at_a.pk).update(is_active=False)
        self.assertEqual(self._fetch(url).status_code, 404)

    def test_each_fetch_is_in_the_access_log(self) -> None:
        url = self._new_link()
        self._fetch(url)
        self._fetch(url)
        with tenant_context(self.a):
            feed = CalendarFeed.objects.get(user=self.dana)
            fetches = AccessLog.objects.filter(
                object_type="calendar_feed", object_id=str(feed.pk), action=AccessAction.VIEW
            )
            self.assertEqual(fetches.count(), 2)
            self.assertEqual({entry.user_id for entry in fetches}, {self.dana.pk})
            self.assertTrue(AccessLog.objects.filter(object_type="calendar_feed", action=AccessAction.CREATE).exists())

    def test_an_appeal_window_of_a_denied_right_on_my_case_is_in_the_feed_once(self) -> None:
        with tenant_context(self.a):
            right = Entitlement.objects.get(case=self.case)
            Entitlement.objects.filter(pk=right.pk).update(
                decision="denied", stage="decided", decided_on=dt.date(2025, 6, 25)
            )
        url = self._new_link()
        found = {e["UID"]: e for e in events(self._fetch(url).content.decode())}
        appeal = found[f"appeal-{right.pk}@127.0.0.1"]
        # National Insurance: twelve months, so a denial of 25 June 2025 may be appealed until 25 June 2026.
        self.assertEqual(appeal["DTSTART;VALUE=DATE"], "20260625")
        self.assertIn("הבטחת הכנסה", unescape(appeal["SUMMARY"]))
        # Once the person holds the appeal task for it, the task is the entry: no second one.
        self._task(self.dana, dt.date(2026, 6, 25), "ערר", kind=TaskKind.APPEAL_DEADLINE, entitlement=right)
        uids = {e["UID"] for e in events(self._fetch(url).content.decode())}
        self.assertNotIn(f"appeal-{right.pk}@127.0.0.1", uids)
        # Not on a case where the person is neither the lawyer nor the coordinator.
        coordinator = make_user("coord@a.test", "שירה מזרחי")
        make_membership(coordinator, self.a, Role.COORDINATOR)
        login(self.client, coordinator)
        html = self.client.get(reverse("cases:calendar")).content.decode()
        self.assertNotIn(f"appeal-{right.pk}", html)


@time_machine.travel(TODAY, tick=False)
class CalendarPageTests(MizuiTestCase):
    def test_the_page_lists_my_items_by_date_with_overdue_in_red_and_their_days(self) -> None:
        case = make_case(self.a, lawyer=self.dana)
        with tenant_context(self.a):
            late = Task.objects.create(
                authority=self.a,
                case=case,
                title="להגיש ערר",
                due_on=TODAY.date() - dt.timedelta(days=3),
                owner=self.dana,
            )
            Task.objects.create(
                authority=self.a, case=case, title="להתקשר", due_on=TODAY.date() + dt.timedelta(days=2), owner=self.dana
            )
            Task.objects.create(authority=self.a, case=case, title="של מיכל", due_on=TODAY.date(), owner=self.michal)
        login(self.client, self.dana)
        html = self.client.get(reverse("cases:calendar")).content.decode()
        overdue = html.split('data-calendar="overdue"', 1)[1].split("</section>", 1)[0]
        self.assertIn(f'<li class="late" data-entry="task-{late.pk}">', overdue)
        self.assertIn('data-late-days="3"', overdue)
        self.assertIn("באיחור של 3 ימים", overdue)
        coming = html.split('data-calendar="coming"', 1)[1].split("</section>", 1)[0]
        self.assertIn('data-day="2026-06-17"', coming)
        self.assertIn("להתקשר", coming)
        self.assertNotIn("להגיש ערר", coming)
        self.assertNotIn("של מיכל", html)

    def test_the_home_links_to_the_calendar(self) -> None:
        login(self.client, self.dana)
        html = self.client.get(reverse("accounts:home")).content.decode()
        self.assertIn(f'href="{reverse("cases:calendar")}"', html)


class IcalTests(MizuiTestCase):
    def test_text_is_escaped_and_long_lines_fold_at_75_octets_without_splitting_a_letter(self) -> None:
        self.assertEqual(escape_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne")
        line = "SUMMARY:" + "א" * 100
        folded = fold(line)
        for part in folded.split("\r\n"):
            self.assertLessEqual(len(part.encode()), 75)
        self.assertEqual(folded.replace("\r\n ", ""), line)
        self.assertEqual(fold("SHORT:x"), "SHORT:x")

    def test_an_empty_calendar_is_still_a_calendar(self) -> None:
        body = to_ical([], calendar_name="מועדים", host="example.org", now=TODAY)
        check_structure(self, body)
        self.assertNotIn("BEGIN:VEVENT", body)
        body = to_ical([Entry("task-1", dt.date(2026, 1, 2), "x", 7, "task")], calendar_name="c", host="h", now=TODAY)
        self.assertEqual(len(events(body)), 1)
        self.assertIn("DTSTAMP:20260615T090000Z", body)
