"""Behind the documented reverse proxy, the address is the client's, and a client cannot choose its own."""

from __future__ import annotations

from typing import Any

from django.test import RequestFactory, SimpleTestCase, override_settings

from mizui.lib.clientip import client_ip

PROXY = "10.0.0.5"


def _ip(forwarded: str | None) -> str | None:
    extra: dict[str, Any] = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=PROXY, **extra))


class ClientAddressTests(SimpleTestCase):
    def test_without_a_proxy_the_header_is_ignored(self) -> None:
        self.assertEqual(_ip("203.0.113.7"), PROXY)

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_behind_one_proxy_the_address_it_saw_counts_and_what_the_client_wrote_does_not(self) -> None:
        self.assertEqual(_ip("203.0.113.7"), "203.0.113.7")
        self.assertEqual(_ip("1.2.3.4, 203.0.113.7"), "203.0.113.7")  # 1.2.3.4 was typed by the client
        self.assertEqual(_ip(None), PROXY)
        self.assertEqual(_ip("not-an-address"), PROXY)

    @override_settings(TRUSTED_PROXY_COUNT=2)
    def test_behind_two_proxies_it_takes_the_address_the_outer_one_saw(self) -> None:
        self.assertEqual(_ip("1.2.3.4, 203.0.113.7, 10.0.0.9"), "203.0.113.7")
        self.assertEqual(_ip("2001:db8::1, 10.0.0.9"), "2001:db8::1")
        self.assertEqual(_ip("10.0.0.9"), PROXY)  # one hop short: not through both proxies
