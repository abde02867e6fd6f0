"""The directory's data: the seed covers every right, where_to_apply, and HSDS import/export."""

from __future__ import annotations

import json
import tempfile
from io import StringIO
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

import eligibility
from mizui.accounts.models import Authority
from mizui.accounts.tenancy import tenant_context
from mizui.directory import demo
from mizui.directory.exchange import DirectoryImportError, to_document
from mizui.directory.models import AuthorityLocation, Contact, Location, Organization, Service
from mizui.directory.services import import_directory, where_to_apply
from mizui.test import make_authority


def clear_directory() -> None:
    for authority in Authority.objects.all():
        with tenant_context(authority):
            AuthorityLocation.objects.for_authority(authority).delete()
    Organization.objects.all().delete()  # cascades to services, locations and contacts


def directory_rows() -> int:
    return sum(m.objects.count() for m in (Organization, Service, Location, Contact))


class SeededTestCase(TestCase):
    ashdod: Authority
    beersheva: Authority

    @classmethod
    def setUpTestData(cls) -> None:
        cls.ashdod = make_authority("ashdod-demo", "אשדוד (הדגמה)", 70)
        cls.beersheva = make_authority("beersheva-demo", "באר שבע (הדגמה)", 9000)
        demo.load([cls.ashdod, cls.beersheva])


class SeedTests(SeededTestCase):
    def test_it_grants_every_right_through_a_service(self) -> None:
        granted = {p for programs in Service.objects.values_list("programs", flat=True) for p in programs}
        self.assertEqual(sorted({p["id"] for p in eligibility.programs()} - granted), [])

    def test_it_seeds_the_forum_partners(self) -> None:
        keys = set(Organization.objects.values_list("key", flat=True))
        for key in ("nii", "moch", "amigur", "amidar", "enforcement", "legal-aid", "aliyah", "probation", "clalit",
                    "maccabi", "meuhedet", "leumit", "local-water", "iec", "municipal-arnona", "shil", "municipal-welfare"):  # fmt: skip
            self.assertIn(key, keys)

    def test_it_loads_twice_without_duplicates(self) -> None:
        before = to_document()
        demo.load([self.ashdod, self.beersheva])
        self.assertEqual(to_document(), before)


class WhereToApplyTests(SeededTestCase):
    def test_it_sends_ashdod_to_its_own_arnona_department(self) -> None:
        first = where_to_apply(self.ashdod, "arnona_income_test", "he")[0]
        self.assertTrue(first["branch"]["local"])
        self.assertIn("מחלקת הארנונה", first["branch"]["name"])
        self.assertIn("אשדוד", first["branch"]["name"])

    def test_it_never_sends_beersheva_to_ashdod(self) -> None:
        first = where_to_apply(self.beersheva, "arnona_senior", "he")[0]
        self.assertIn("באר שבע", first["branch"]["name"])

    def test_it_sends_income_support_to_a_national_insurance_branch(self) -> None:
        found = where_to_apply(self.ashdod, "income_support", "he")
        self.assertEqual(found[0]["organization"], "המוסד לביטוח לאומי")
        self.assertEqual(found[0]["branch"]["name"], "ביטוח לאומי – סניף אשדוד")
        self.assertEqual(found[0]["branch"]["phone"], "*3028")
        self.assertFalse(found[0]["branch"]["local"])
        self.assertTrue(found[0]["documents"])

    def test_it_says_where_to_go_in_the_residents_language(self) -> None:
        for lang, branch, organization, hours in (
            ("ru", "Битуах леуми – отделение в Ашдоде", "Битуах леуми (Институт национального страхования)", "*3028"),
            ("ar", "التأمين الوطني – فرع أشدود", "مؤسسة التأمين الوطني", "*3028"),
            ("en", "National Insurance – Ashdod branch", "National Insurance Institute", "*3028"),
        ):
            with self.subTest(lang=lang):
                found = where_to_apply(self.ashdod, "income_support", lang)[0]
                self.assertEqual((found["branch"]["name"], found["branch"]["name"].lang), (branch, lang))
                self.assertEqual((found["organization"], found["organization"].lang), (organization, lang))
                self.assertIn(hours, found["branch"]["hours"])
                self.assertEqual(found["branch"]["hours"].lang, lang)
        office = where_to_apply(self.ashdod, "arnona_single_parent", "ru")[0]["branch"]
        self.assertEqual(office["name"], "Муниципалитет Ашдода – отдел арноны (отдел сборов)")  # the city's own
        self.assertTrue(office["local"])

    def test_a_text_with_no_translation_is_hebrew_and_says_so(self) -> None:
        Location.objects.filter(key="nii-ashdod").update(translations={"ar": {"name": "التأمين الوطني – فرع أشدود"}})
        branch = where_to_apply(self.ashdod, "income_support", "ar")[0]["branch"]
        self.assertEqual(branch["name"].lang, "ar")
        self.assertEqual((branch["hours"].lang, branch["city"]), ("he", "אשדוד"))  # hours not translated: Hebrew
        self.assertEqual(branch["city"].lang, "he")

    def test_it_answers_without_an_authority_and_in_english(self) -> None:
        found = where_to_apply(None, "income_support", "en")
        self.assertEqual((found[0]["service"], found[0]["branch"]), ("Income support", None))

    def test_it_answers_an_unknown_right_with_nothing(self) -> None:
        self.assertEqual(where_to_apply(self.ashdod, "no_such_right", "he"), [])

    def test_it_takes_a_fixed_number_of_queries(self) -> None:
        # Savepoints and the tenant setting come and go with the database; the reads of the directory do not.
        with CaptureQueriesContext(connection) as captured:
            where_to_apply(self.ashdod, "health_exemptions", "he")
        reads = [q["sql"] for q in captured.captured_queries if '"directory_' in q["sql"]]
        self.assertEqual(len(reads), 3)


class ExchangeTests(SeededTestCase):
    def _export(self, folder: Path, fmt: str) -> Path:
        call_command("export_directory", "--format", fmt, "--out", str(folder), stdout=StringIO())
        return folder / "directory.json" if fmt == "hsds" else folder

    def test_it_round_trips_hsds_json_and_csv(self) -> None:
        before = to_document()
        for fmt in ("hsds", "csv"):
            with self.subTest(format=fmt), tempfile.TemporaryDirectory() as tmp:
                exported = self._export(Path(tmp), fmt)
                clear_directory()
                self.assertEqual(directory_rows(), 0)
                call_command("import_directory", str(exported), stdout=StringIO())
                self.assertEqual(to_document(), before)

    def test_its_csv_runs_no_formula_and_reads_back_the_same_text(self) -> None:
        from mizui.test import formula_cells

        Organization.objects.filter(pk=Organization.objects.order_by("pk").values("pk")[:1]).update(
            name_en='=HYPERLINK("http://x.example","NII")'
        )
        before = to_document()
        with tempfile.TemporaryDirectory() as tmp:
            folder = self._export(Path(tmp), "csv")
            for path in folder.glob("*.csv"):
                self.assertEqual(formula_cells(path.read_bytes(), "csv"), [], path.name)
            clear_directory()
            call_command("import_directory", str(folder), stdout=StringIO())
        self.assertEqual(to_document(), before)

    def test_translations_travel_in_hsds_and_a_wrong_one_is_refused(self) -> None:
        document = to_document()
        nii = next(loc for loc in document["locations"] if loc["id"] == "nii-ashdod")
        self.assertEqual(nii["x_translations"]["ru"]["name"], "Битуах леуми – отделение в Ашдоде")
        nii["x_translations"] = {"fr": {"name": "Assurance nationale"}, "ru": {"colour": "синий"}}
        with self.assertRaises(DirectoryImportError) as refused:
            import_directory(None, data=document)
        self.assertIn("translations", "\n".join(refused.exception.errors))
        self.assertEqual(
            Location.objects.get(key="nii-ashdod").translations["ru"]["name"], "Битуах леуми – отделение в Ашдоде"
        )

    def test_it_writes_hsds_tables_as_csv(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            self._export(Path(tmp), "csv")
            names = {p.name for p in Path(tmp).iterdir()}
        self.assertLessEqual({"organization.csv", "service.csv", "location.csv", "phone.csv", "attribute.csv"}, names)


class BadFileTests(TestCase):
    def _import(self, data: Any) -> str:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "bad.json"
            path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
            with self.assertRaises(CommandError) as raised:
                call_command("import_directory", str(path), stdout=StringIO())
        self.assertEqual(directory_rows(), 0, "nothing may be half-written")
        return str(raised.exception)

    def _seed(self) -> dict[str, Any]:
        return demo.seed_document([])

    def test_it_names_every_problem_and_writes_nothing(self) -> None:
        data = self._seed()
        data["services"][-1]["attributes"].append({"taxonomy_term_id": "mizui-program/free_money"})
        data["services"][0]["organization_id"] = "nobody"
        message = self._import(data)
        self.assertIn("unknown taxonomy term mizui-program/free_money", message)
        self.assertIn("organization_id nobody is not in the file", message)

    def test_it_rolls_back_when_a_row_fails_late(self) -> None:
        # Passes the document checks, fails the model's own validation on the last contact: a rollback.
        data = self._seed()
        data["contacts"][-1]["email"] = "not-an-email"
        self.assertIn("email", self._import(data))

    def test_it_refuses_broken_json_and_unknown_authorities(self) -> None:
        self.assertIn("Expecting", self._import("{not json"))
        data = self._seed()
        data["locations"].append({"id": "x", "organization_id": "nii", "name": "x", "x_authority": "atlantis"})
        self.assertIn("x_authority atlantis", self._import(data))


class PartnerContactTests(SeededTestCase):
    def test_every_forum_partner_can_take_a_referral_in_the_demo(self) -> None:
        for org in Organization.objects.all():
            with self.subTest(org=org.key):
                self.assertTrue(org.email.endswith("@example.org"))
                self.assertRegex(org.mobile, r"^05\d555\d{4}$")
                self.assertIn("email", org.channels)
                self.assertTrue(org.contacts.filter(phone=org.mobile, email=org.email).exists())

    def test_hsds_round_trip_keeps_mobile_channels_and_service_level(self) -> None:
        Organization.objects.filter(key="nii").update(mobile="0525550000", channels=["sms", "letter"], sla_days=5)
        for fmt in ("hsds", "csv"):
            with self.subTest(format=fmt), tempfile.TemporaryDirectory() as tmp:
                call_command("export_directory", "--format", fmt, "--out", tmp, stdout=StringIO())
                clear_directory()
                exported = Path(tmp) / "directory.json" if fmt == "hsds" else Path(tmp)
                call_command("import_directory", str(exported), stdout=StringIO())
                nii = Organization.objects.get(key="nii")
                self.assertEqual((nii.mobile, nii.channels, nii.sla_days), ("0525550000", ["sms", "letter"], 5))
                self.assertEqual(nii.phone, "*3028")


class OrganizationRulesTests(TestCase):
    def _org(self, **fields: Any) -> Organization:
        return Organization(key="x", name_he="ארגון", **fields)

    def test_it_stores_a_mobile_in_one_form_and_refuses_a_landline(self) -> None:
        org = self._org(mobile="+972 52-555 1234")
        org.full_clean()
        self.assertEqual(org.mobile, "0525551234")
        with self.assertRaises(ValidationError) as raised:
            self._org(mobile="08-8675309").full_clean()
        self.assertIn("mobile", raised.exception.message_dict)

    def test_it_needs_the_address_of_each_channel_it_accepts(self) -> None:
        with self.assertRaises(ValidationError) as raised:
            self._org(channels=["email", "sms"]).full_clean()
        self.assertEqual(sorted(raised.exception.message_dict), ["email", "mobile"])
        self._org(channels=["letter"]).full_clean()
        with self.assertRaises(ValidationError):
            self._org(channels=["fax"]).full_clean()
