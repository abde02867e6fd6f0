"""Property-based fuzzing of the API against its own OpenAPI schema, in process (schemathesis over WSGI).

For each operation and for valid and invalid data, a fixed, modest number of generated requests (derandomized,
so CI sees the same ones): no 5xx, only documented statuses, answers that match their schemas.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from mizui.api.tests.factories import ApiTestCase
from mizui.wsgi import application

EXAMPLES = 30
# Rules of the household contract that JSON Schema cannot say (one applicant, no future dates, known
# program ids...): a schema-valid household may still break them, and then a 422 is the right answer.
CROSS_FIELD_RULES = {
    "one_applicant", "no_applicant", "two_partners", "duplicate_id", "date_in_future", "before_birth",
    "unknown_program", "as_of_before_rules", "immigration_before_birth", "child_before_parent", "partner_under_16",
}  # fmt: skip


def rejects_only_for_cross_field_rules(ctx: Any, response: Any, case: Any) -> bool | None:
    """Instead of "schema-valid data is accepted": a 422 for schema-valid data names only the rules above."""
    if response.status_code == 422:
        codes = {error.get("code") for error in response.json()["errors"]}
        assert codes <= CROSS_FIELD_RULES, f"schema-valid household refused for {codes - CROSS_FIELD_RULES}"
    return None


def _fuzz(path: str, method: str, mode: GenerationMode) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    operation = schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
    )
    def run(case: Any) -> None:
        if mode is GenerationMode.POSITIVE and method == "POST":
            case.call_and_validate(
                excluded_checks=[positive_data_acceptance], additional_checks=[rejects_only_for_cross_field_rules]
            )
        else:
            case.call_and_validate()

    run()


# Schemathesis calls the app as "localhost"; the limits would otherwise stop the fuzzer after 60 calls.
@override_settings(ALLOWED_HOSTS=["localhost"], API_ANON_RATE=100_000)
class SchemaFuzzTests(ApiTestCase):
    def setUp(self) -> None:
        super().setUp()
        # As Django's test client does: the real WSGI handler would close the test's database connection
        # (and with it the test transaction) at the end of every request.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        self.addCleanup(request_started.connect, close_old_connections)
        self.addCleanup(request_finished.connect, close_old_connections)

    def test_it_survives_generated_households(self) -> None:
        _fuzz("/api/v1/screenings", "POST", GenerationMode.POSITIVE)

    def test_it_refuses_generated_nonsense_cleanly(self) -> None:
        _fuzz("/api/v1/screenings", "POST", GenerationMode.NEGATIVE)

    def test_it_survives_generated_catalogue_requests(self) -> None:
        _fuzz("/api/v1/rights", "GET", GenerationMode.POSITIVE)
        _fuzz("/api/v1/rights", "GET", GenerationMode.NEGATIVE)
