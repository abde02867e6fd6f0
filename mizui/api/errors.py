"""The API's one error shape: {"error": "<message>"} with the right status (STYLE.md §7)."""

from __future__ import annotations

from typing import Any

import orjson
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse

# Messages in Hebrew first (the product's language), then English for integrators.
UNAUTHORIZED = "מפתח ה-API שגוי או שבוטל · invalid or revoked API key"
FORBIDDEN = "למפתח הזה אין הרשאה לפעולה · this key lacks the scope for this operation"
NOT_FOUND = "אין כתובת כזו ב-API · no such API URL (see /api/v1/docs)"
NOT_ALLOWED = "שיטת HTTP לא נתמכת בכתובת הזו · method not allowed"
TOO_LARGE = "גוף הבקשה גדול מדי · request body too large (at most {limit} bytes)"
INVALID = "הנתונים אינם תקינים · invalid input"
NOT_JSON = "גוף הבקשה אינו JSON תקין · the request body is not valid JSON"
NOT_JSON_FIELD = {
    "he": "גוף הבקשה אינו JSON תקין",
    "ar": "نص الطلب ليس JSON صالحًا",
    "ru": "тело запроса не является корректным JSON",
    "en": "not valid JSON",
}
RATE_LIMITED = "יותר מדי בקשות; נסו שוב בעוד {retry} שניות · too many requests, retry in {retry} s"


_ENCODER = DjangoJSONEncoder()


def json_response(data: Any, *, status: int = 200) -> HttpResponse:
    # orjson: Hebrew, Arabic and Russian as UTF-8 (a third of the size of \\u escapes), 20× faster than json.dumps
    # on an 80 KB screening (0.03 against 0.57 ms); anything it does not know (Decimal) goes to Django's encoder.
    body = orjson.dumps(data, default=_ENCODER.default)
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


def error_response(status: int, message: str, *, headers: dict[str, str] | None = None, **extra: Any) -> HttpResponse:
    response = json_response({"error": message, **extra}, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def field_error(field: str, code: str, message: dict[str, str]) -> dict[str, Any]:
    """One field's error, its message in he, ar, ru and en (as the household's own errors)."""
    return {"field": field, "code": code, "message": message}
