"""The OpenAPI schema, its docs page (bundled assets, under our CSP) and the hand-written guide."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

from mizui.api.tests.factories import RIGHTS_URL, ApiTestCase
from mizui.test import url_patterns

API_GUIDE = Path(settings.BASE_DIR) / "docs" / "api.md"


def api_routes() -> list[str]:
    """Every named URL under /api/v1/ as a path, e.g. /api/v1/screenings."""
    return sorted(f"/api/v1/{p.pattern}" for name, p in url_patterns() if name.startswith("api:"))


class OpenApiTests(ApiTestCase):
    def test_it_describes_the_household_as_the_screening_body(self) -> None:
        schema = self.client.get("/api/v1/openapi.json").json()
        operation = schema["paths"]["/api/v1/screenings"]["post"]
        body = operation["requestBody"]["content"]["application/json"]["schema"]
        self.assertEqual(body, {"$ref": "#/components/schemas/Household"})
        household = schema["components"]["schemas"]["Household"]
        self.assertEqual(household["required"], ["members"])
        member = schema["components"]["schemas"]["Member"]
        self.assertEqual(member["properties"]["role"]["enum"], ["applicant", "partner", "child", "other"])
        self.assertEqual(set(operation["responses"]), {"200", "401", "403", "413", "422", "429"})
        self.assertEqual(schema["components"]["securitySchemes"]["authorityKey"]["scheme"], "bearer")
        self.assertEqual(set(schema["paths"]), {"/api/v1/screenings", "/api/v1/rights"})

    def test_it_serves_the_docs_from_bundled_files_under_our_csp(self) -> None:
        response = self.client.get("/api/v1/docs")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
        self.assertEqual(scripts, ["/static/ninja/swagger-ui-bundle.js", "/static/ninja/swagger-ui-init.js"])
        self.assertNotIn("//", "".join(re.findall(r'(?:src|href)="([^"]+)"', html)))  # nothing off-site
        # The only inline <script> is a JSON data block, which the CSP does not execute or block.
        self.assertEqual(
            re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html), [' id="swagger-settings" type="application/json"']
        )
        csp = response["Content-Security-Policy"]
        self.assertIn("script-src 'self'", csp)
        self.assertNotIn("unsafe", csp)
        for path in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui-init.js", "ninja/swagger-ui.css"):
            self.assertIsNotNone(finders.find(path), f"{path}: is 'ninja' in INSTALLED_APPS?")


class CatalogueTests(ApiTestCase):
    def test_it_lists_every_right_with_names_in_four_languages(self) -> None:
        body = self.client.get(f"{RIGHTS_URL}?lang=ru").json()
        self.assertEqual(body["lang"], "ru")
        self.assertGreater(len(body["rights"]), 5)
        keys = {
            "id", "name", "label", "agency", "agency_name", "kind", "legal_basis", "documents", "how_to_apply",
            "retroactive_months", "confidence", "kolzchut", "gateways",
        }  # fmt: skip
        for right in body["rights"]:
            self.assertEqual(set(right), keys)
            self.assertEqual(set(right["name"]), {"he", "ar", "ru", "en"})
            self.assertEqual(right["label"], right["name"]["ru"])
            self.assertTrue(right["legal_basis"] and right["how_to_apply"])
        income_support = next(r for r in body["rights"] if r["id"] == "income_support")
        self.assertEqual((income_support["agency"], income_support["retroactive_months"]), ("nii", 12))


class GuideTests(ApiTestCase):
    def test_it_documents_every_api_url_in_docs_api_md(self) -> None:
        guide = API_GUIDE.read_text(encoding="utf-8")
        routes = api_routes()
        self.assertIn("/api/v1/screenings", routes)
        # Whole paths only: /api/v1/ must be there on its own, not merely as the start of /api/v1/rights.
        missing = [r for r in routes if not re.search(re.escape(r) + r"(?![\w/.-])", guide)]
        self.assertEqual(missing, [], "document these API URLs in docs/api.md")
