"""Anonymous callers are limited per address, key holders per key, with 429 and Retry-After."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.test import override_settings

from mizui.api.tests.factories import RIGHTS_URL, ApiTestCase, make_api_token, make_household, screen


# Fixed one-minute windows: the clock stands still mid-minute, so no test's calls straddle two windows.
@time_machine.travel(dt.datetime(2026, 6, 15, 9, 0, 30, tzinfo=dt.UTC), tick=False)
@override_settings(API_ANON_RATE=3, API_TOKEN_RATE=5)
class RateLimitTests(ApiTestCase):
    def test_it_answers_429_with_retry_after_past_the_anonymous_limit(self) -> None:
        statuses = [screen(self.client, make_household()).status_code for _ in range(3)]
        self.assertEqual(statuses, [200, 200, 200])
        response = screen(self.client, make_household())
        self.assertEqual(response.status_code, 429)
        self.assertEqual(set(response.json()), {"error"})
        self.assertTrue(1 <= int(response["Retry-After"]) <= 61)

    def test_it_counts_each_address_apart(self) -> None:
        for _ in range(3):
            screen(self.client, make_household())
        self.assertEqual(screen(self.client, make_household()).status_code, 429)
        other = self.client_class(REMOTE_ADDR="10.0.0.7")
        self.assertEqual(screen(other, make_household()).status_code, 200)

    def test_it_gives_a_key_its_own_higher_limit(self) -> None:
        for _ in range(3):
            screen(self.client, make_household())
        _, key = make_api_token(self.a)
        statuses = [screen(self.client, make_household(), key=key).status_code for _ in range(6)]
        self.assertEqual(statuses, [200] * 5 + [429])

    def test_it_limits_the_catalogue_apart_from_screenings(self) -> None:
        for _ in range(3):
            screen(self.client, make_household())
        self.assertEqual(self.client.get(RIGHTS_URL).status_code, 200)
