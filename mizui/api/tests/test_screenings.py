"""POST /api/v1/screenings: the result contract, per-field errors, body limits, the anonymous tally."""

from __future__ import annotations

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from mizui.accounts.tenancy import tenant_context
from mizui.api.serializers import CONDITION_KEYS, PROGRAM_KEYS
from mizui.api.tests.factories import ApiTestCase, make_api_token, make_household, screen
from mizui.screening.models import Screening, ScreeningTally

STATUSES = {"eligible", "maybe", "not_eligible", "already_receiving"}


def _fields(response) -> dict[str, dict[str, str]]:
    return {e["field"]: e["message"] for e in response.json()["errors"]}


class ResultContractTests(ApiTestCase):
    def test_it_answers_with_the_result_contract_v1(self) -> None:
        response = screen(self.client, make_household())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        result = response.json()
        self.assertEqual(set(result), {"as_of", "rules_version", "lang", "programs"})
        self.assertEqual((result["as_of"], result["lang"]), ("2026-01-15", "he"))
        self.assertGreater(len(result["programs"]), 5)
        for program in result["programs"]:
            self.assertEqual(set(program), set(PROGRAM_KEYS))
            self.assertIn(program["status"], STATUSES)
            self.assertIn(program["confidence"], {"official", "secondary", "stale"})
            for condition in program["conditions"]:
                self.assertEqual(set(condition), set(CONDITION_KEYS))
                self.assertEqual(set(condition["reference"]), {"title", "href"})

    def test_it_answers_in_the_language_asked(self) -> None:
        names = {}
        for lang in ("he", "ar", "ru", "en"):
            response = screen(self.client, make_household(), query=f"?lang={lang}")
            self.assertEqual(response.json()["lang"], lang)
            names[lang] = {p["id"]: p["name"] for p in response.json()["programs"]}
        self.assertEqual(names["en"]["child_allowance"], "Child allowance")
        self.assertEqual(len({n["income_support"] for n in names.values()}), 4)

    def test_it_refuses_an_unknown_language_per_field(self) -> None:
        response = screen(self.client, make_household(), query="?lang=fr")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(list(_fields(response)), ["lang"])

    def test_it_keeps_the_answer_out_of_caches(self) -> None:
        self.assertEqual(screen(self.client, make_household())["Cache-Control"], "no-store, private")


class InvalidInputTests(ApiTestCase):
    def test_it_names_each_bad_field_in_the_four_languages(self) -> None:
        household = make_household()
        household["members"][0]["birth_date"] = "2999-01-01"
        household["members"][0]["income"]["work"] = -100
        household["members"][1]["role"] = "cousin"
        response = screen(self.client, household)
        self.assertEqual(response.status_code, 422)
        body = response.json()
        self.assertIn("הנתונים אינם תקינים", body["error"])
        fields = _fields(response)
        self.assertEqual(
            set(fields), {"members[0].birth_date", "members[0].income.work", "members[1].role"}, body["errors"]
        )
        self.assertEqual(
            fields["members[0].birth_date"],
            {
                "he": "התאריך בעתיד",
                "ar": "التاريخ في المستقبل",
                "ru": "дата в будущем",
                "en": "the date is in the future",
            },
        )
        self.assertEqual(fields["members[0].income.work"]["en"], "cannot be negative")
        for message in fields.values():
            self.assertEqual(set(message), {"he", "ar", "ru", "en"})
            self.assertTrue(all(message.values()))

    def test_it_refuses_dates_that_cannot_all_be_true(self) -> None:
        household = make_household()
        household["members"].append({"id": "late", "role": "child", "birth_date": "1930-05-01"})
        fields = _fields(screen(self.client, household))
        child = f"members[{len(household['members']) - 1}].birth_date"
        self.assertIn("born before the household's parents", fields[child]["en"])
        self.assertIn("проверьте даты рождения", fields[child]["ru"])

    def test_it_refuses_a_partner_without_an_applicant(self) -> None:
        response = screen(self.client, {"members": [{"role": "partner", "birth_date": "1980-01-01"}]})
        self.assertEqual(response.status_code, 422)
        self.assertIn("no applicant", _fields(response)["members"]["en"])

    def test_it_answers_422_not_500_to_bodies_that_are_not_a_household(self) -> None:
        bodies = {
            "not json": "nope",
            "empty": "",
            "a list": "[1, 2]",
            "a string": '"household"',
            "members not a list": '{"members": 5}',
            "NaN": '{"members": [{"role": "applicant", "income": {"work": NaN}}]}',
            "infinite": '{"members": [{"role": "applicant", "income": {"work": 1e400}}]}',
            "deeply nested": "[" * 20_000 + "]" * 20_000,
            "not utf-8": b"\xff\xfe{",
        }
        for name, body in bodies.items():
            with self.subTest(body=name):
                response = screen(self.client, body, raw=True)
                self.assertEqual(response.status_code, 422)
                self.assertTrue(response.json()["errors"])

    def test_it_refuses_a_body_over_64_kb_with_413(self) -> None:
        padding = "x" * (64 * 1024)
        response = screen(self.client, make_household(authority=padding))
        self.assertEqual(response.status_code, 413)
        self.assertIn("65536", response.json()["error"])

    def test_it_answers_other_methods_and_paths_with_json(self) -> None:
        response = self.client.get("/api/v1/screenings")
        self.assertEqual((response.status_code, response["Allow"]), (405, "POST"))
        self.assertIn("error", response.json())
        for path in ("/api/v1/", "/api/v1/nothing-here", "/api/v1/screenings/"):
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 404)
                self.assertEqual(set(response.json()), {"error"})

    def test_it_answers_422_not_500_to_a_date_before_the_rules(self) -> None:
        # Found by schemathesis: a 1950 legal date used to crash the engine (no parameter value that early).
        response = screen(self.client, make_household(as_of="1950-01-01"))
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["errors"][0]["code"], "as_of_before_rules")


class TallyTests(ApiTestCase):
    def _tally(self, authority) -> dict[tuple[str, str], int]:
        with tenant_context(authority):
            return {(t.program, t.status): t.count for t in ScreeningTally.objects.for_authority(authority)}

    def test_it_stores_nothing_for_an_anonymous_caller(self) -> None:
        self.assertEqual(screen(self.client, make_household()).status_code, 200)
        for authority in (self.a, self.b):
            self.assertEqual(self._tally(authority), {})
            with tenant_context(authority):
                self.assertEqual(Screening.objects.count(), 0)

    def test_an_anonymous_screening_sends_no_query_to_the_database_but_its_rate_limit(self) -> None:
        # The rules need no table: a query would be a round trip on every call of the API. Left out: the
        # savepoints and the tenant reset that exist only inside each test's own transaction. Without Redis the
        # rate limit counts in the database (shared by every worker): that is the one table it may touch.
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(screen(self.client, make_household()).status_code, 200)
        test_only = ("SAVEPOINT", "RELEASE", "SELECT set_config('app.authority_id', '', true)")
        sent = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(test_only)]
        self.assertEqual([q for q in sent if "accounts_ratelimithit" not in q], [])
        self.assertEqual(len(sent), 1)  # record the hit if the window has room, in one statement

    def test_it_counts_a_keyed_screening_in_the_keys_authority_only(self) -> None:
        _, key = make_api_token(self.a)
        first = screen(self.client, make_household(), key=key).json()
        screen(self.client, make_household(), key=key)
        tally = self._tally(self.a)
        self.assertEqual(len(tally), len(first["programs"]))
        self.assertEqual(set(tally.values()), {2})
        program = first["programs"][0]
        self.assertEqual(tally[(program["id"], program["status"])], 2)
        self.assertEqual(self._tally(self.b), {})
        with tenant_context(self.a):
            self.assertEqual(Screening.objects.count(), 0)  # a tally, never the household

    def test_keyed_screenings_lock_the_tally_in_one_order_whatever_the_answer(self) -> None:
        # The answer lists rights by money; concurrent calls that locked the tally rows in that order deadlocked.
        _, key = make_api_token(self.a)
        with CaptureQueriesContext(connection) as queries:
            answer = screen(self.client, make_household(), key=key).json()
        ids = [p["id"] for p in answer["programs"]]
        self.assertNotEqual(ids, sorted(ids))  # this household's answer is not in the lock order
        (insert,) = [q["sql"] for q in queries.captured_queries if "INSERT INTO screening_screeningtally" in q["sql"]]
        self.assertEqual(sorted(ids, key=lambda pid: insert.index(f"'{pid}'")), sorted(ids))

    def test_it_never_writes_the_household_to_the_log(self) -> None:
        household = make_household()
        household["members"][0]["income"]["work"] = -987654
        with self.assertLogs("django.request", level="WARNING") as logs:
            self.assertEqual(screen(self.client, household).status_code, 422)
        self.assertNotIn("987654", json.dumps(logs.output))
