"""POST /api/v1/screenings: a household (contract v1) in, its rights (result contract v1) out."""

from __future__ import annotations

import json
import math
from typing import Any, cast

from django.http import HttpRequest, HttpResponse
from ninja import Router
from ninja.decorators import decorate_view

import eligibility
from mizui.api import errors, serializers
from mizui.api.auth import ApiRequest, authorize
from mizui.api.schemas import OPTIONAL_KEY, Error, InvalidInput, Lang, ScreeningResult
from mizui.screening.services import count_anonymous, run_screening

MAX_BODY = 64 * 1024  # a household of 30 members is about 6 KB
HOUSEHOLD_BODY = {
    "required": True,
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Household"}}},
}

router = Router(tags=["screenings"])


class NotJson(ValueError):
    pass


class TooLarge(Exception):
    pass


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e400 parses as inf, which no amount of money is
        raise NotJson(text)
    return value


def _reject_constant(name: str) -> float:
    raise NotJson(name)  # NaN and Infinity are not JSON


def read_json(request: HttpRequest) -> Any:
    """The body as JSON, reading at most MAX_BODY bytes; raises TooLarge (413) or NotJson (422)."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_BODY:
        raise TooLarge
    raw = request.read(MAX_BODY + 1)
    if len(raw) > MAX_BODY:
        raise TooLarge
    try:
        return json.loads(raw, parse_float=_finite, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise NotJson from exc


def _invalid(errors_: list[dict[str, Any]]) -> HttpResponse:
    return errors.error_response(422, errors.INVALID, errors=errors_)


@router.post(
    "/screenings",
    url_name="screenings",
    summary="Screen a household for every right",
    description="Body: the household contract v1. Answer: the result contract v1, rights sorted by money.",
    response={200: ScreeningResult, 401: Error, 403: Error, 413: Error, 422: InvalidInput, 429: Error},
    openapi_extra={"requestBody": HOUSEHOLD_BODY, "security": OPTIONAL_KEY},
)
@decorate_view(authorize("screenings"))
def create_screening(request: HttpRequest, lang: Lang = "he") -> HttpResponse:
    req = cast(ApiRequest, request)
    req.no_store = True  # the answer describes someone's household: NoStoreMiddleware keeps it out of caches
    try:
        household = read_json(request)
    except TooLarge:
        return errors.error_response(413, errors.TOO_LARGE.format(limit=MAX_BODY))
    except NotJson:
        return _invalid([errors.field_error("household", "json", errors.NOT_JSON_FIELD)])
    try:
        result = run_screening(household, lang=lang)
    except eligibility.HouseholdError as exc:
        return _invalid(exc.errors)
    if req.authority is not None:
        count_anonymous(req.authority, result)
    return errors.json_response(serializers.screening_result(result))
