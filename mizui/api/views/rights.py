"""GET /api/v1/rights: the catalogue of rights the rules know, in one of four languages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Router
from ninja.decorators import decorate_view

import eligibility
from mizui.api import errors, serializers
from mizui.api.auth import authorize
from mizui.api.schemas import OPTIONAL_KEY, Error, InvalidInput, Lang, Rights

router = Router(tags=["rights"])


@router.get(
    "/rights",
    url_name="rights",
    summary="The catalogue of rights",
    description="Every right: names in Hebrew, Arabic, Russian and English, agency, legal basis, documents, "
    "how to apply, months paid retroactively and how current the figures are.",
    response={200: Rights, 401: Error, 403: Error, 422: InvalidInput, 429: Error},
    openapi_extra={"security": OPTIONAL_KEY},
)
@decorate_view(authorize("rights"))
def list_rights(request: HttpRequest, lang: Lang = "he") -> HttpResponse:
    return errors.json_response(serializers.rights(eligibility.programs(lang), lang=lang))
