"""The django-ninja API object for /api/v1/: its OpenAPI schema, its docs page and its error handlers."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI, Swagger
from ninja.errors import ValidationError
from ninja.openapi.schema import OpenAPISchema

import eligibility
from eligibility.household import MESSAGES
from mizui.api import errors
from mizui.api.schemas import household_components
from mizui.api.views.rights import router as rights_router
from mizui.api.views.screenings import router as screenings_router

DESCRIPTION = """\
Which social rights a household in Israel is entitled to, how much money, which documents and where to apply:
Mizui's rules engine as a JSON API. The request body of a screening is the household contract v1 and its
answer the result contract v1 (docs/household.md, DESIGN.md). Anonymous calls are rate-limited per address;
an authority's key (`Authorization: Bearer <key>`) has a higher limit and counts its screenings, anonymously,
in that authority's monthly tally. Every error is `{"error": "..."}`; invalid input (422) also lists
`errors`, one per field, in Hebrew and English. The guide is docs/api.md.
"""


class Docs(Swagger):
    """Swagger UI from django-ninja's bundled static files; never from a CDN.

    The page has no inline script (the settings travel in a JSON data block that swagger-ui-init.js
    reads), so it runs under the site's CSP of script-src 'self'. The validator badge would load an
    image from swagger.io, so it is switched off.
    """

    template = "api/docs.html"

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {"swagger_settings": self.settings, "api": api}
        return render(request, self.template, context)


class MizuiAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {})
        components.setdefault("schemas", {}).update(household_components())
        components["securitySchemes"] = {
            "authorityKey": {
                "type": "http",
                "scheme": "bearer",
                "description": "An authority's API key (optional): a higher rate limit and the authority's tally.",
            }
        }
        return schema


api = MizuiAPI(
    title="Mizui API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs=Docs({"validatorUrl": None, "deepLinking": True, "layout": "BaseLayout"}),
    openapi_extra={"info": {"license": {"name": "AGPL-3.0-or-later"}, "x-rules-version": eligibility.RULES_VERSION}},
)
api.add_router("", screenings_router)
api.add_router("", rights_router)


@api.exception_handler(ValidationError)
def invalid_parameters(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    # Query parameters (lang) are validated by django-ninja; the household body by eligibility.
    fields = []
    for err in exc.errors:
        name = ".".join(str(part) for part in err["loc"][1:]) or str(err["loc"][0])
        fields.append(errors.field_error(name, "choice", {**MESSAGES["choice"], "en": f"invalid value ({err['msg']})"}))
    return errors.error_response(422, errors.INVALID, errors=fields)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return errors.error_response(404, errors.NOT_FOUND)
