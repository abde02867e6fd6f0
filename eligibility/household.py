"""The household contract v1 (docs/household.md), validated with pydantic; errors come one per field, in he and en.

The models are built from the declaration of the inputs (``inputs.yaml``): each declared input becomes a field with
its type, enum values and bounds. What is written here is what no single input says: the members list, the legal
date, and the rules that tie fields together (one applicant, residency after birth, dates not in the future).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model, field_validator, model_validator

from eligibility.inputs import Input, groups, in_group, inputs

# Program ids a member may already receive: the catalogue's own ids plus benefits that open gateways (declared
# with the `receives` input).
OTHER_RECEIVABLE = tuple(p for spec in inputs() if spec.type == "programs" for p in spec.also_receivable)
TZ = ZoneInfo("Asia/Jerusalem")
EARLIEST_AS_OF = dt.date(2000, 1, 1)  # the legal date the screening is evaluated on cannot be earlier
MAX_MEMBERS = 30


def today() -> dt.date:
    return dt.datetime.now(TZ).date()


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


_PYTHON_TYPES: dict[str, Any] = {
    "date": dt.date,
    "bool": bool,
    "integer": int,
    "number": float,
    "money": float,
    "text": str,
    "programs": list[str],
}


def _annotation(spec: Input) -> Any:
    kind = Literal[spec.values] if spec.type == "enum" else _PYTHON_TYPES[spec.type]
    return kind if spec.required else kind | None


def _field(spec: Input) -> Any:
    return Field(
        default=... if spec.required else None,
        ge=spec.minimum,
        gt=spec.minimum_exclusive,
        le=spec.maximum,
        pattern=spec.pattern,
    )


def _fields(group: str) -> dict[str, Any]:
    return {spec.name: (_annotation(spec), _field(spec)) for spec in in_group(group)}


def _names(group: str, *, kind: str | None = None, not_future: bool = False) -> list[str]:
    return [i.name for i in in_group(group) if (kind is None or i.type == kind) and (i.not_future or not not_future)]


def _model(name: str, base: type[_Model], doc: str | None = None, **fields: Any) -> Any:
    return create_model(name, __base__=base, __module__=__name__, __doc__=doc, **fields)


# Youngest a partner can plausibly be: the Marriage Age Law (חוק גיל הנישואין, התש"י-1950, s. 5) lets a court allow a
# marriage from 16; younger is a typing error in a date of birth, and the screening would be about someone else.
PARTNER_MIN_AGE = 16


class _MemberRules(_Model):
    """A member of the household; the fields are the declared inputs of the groups under ``members[]``."""

    @field_validator(*_names("person", not_future=True), check_fields=False)
    @classmethod
    def _not_future(cls, value: dt.date | None) -> dt.date | None:
        if value is not None and value > today():
            raise _FieldError("", "date_in_future")
        return value

    @field_validator(*_names("person", kind="programs"), check_fields=False)
    @classmethod
    def _known_programs(cls, value: list[str] | None) -> list[str] | None:
        unknown = [name for name in value or () if name not in receivable_ids()]
        if unknown:
            raise _FieldError("", "unknown_program", ", ".join(unknown))
        return value

    @model_validator(mode="after")
    def _dates(self) -> _MemberRules:
        born, resident = getattr(self, "birth_date", None), getattr(self, "resident_since", None)  # noqa: B009
        if born and resident and resident < born:
            raise _FieldError("resident_since", "before_birth")
        immigrated = getattr(self, "immigration_date", None)  # noqa: B009
        if born and immigrated and immigrated < born:
            raise _FieldError("immigration_date", "immigration_before_birth")
        ended = getattr(self, "service_end_date", None)  # noqa: B009
        if born and ended and ended < born:
            raise _FieldError("service_end_date", "service_before_birth")
        return self


class _HouseholdRules(_Model):
    """A household as the screener, the API, the CLI and batch imports describe it (contract v1)."""

    as_of: dt.date | None = None

    @field_validator("as_of")
    @classmethod
    def _as_of_covered(cls, value: dt.date | None) -> dt.date | None:
        # The rules hold dated figures from the 2000s on; an earlier legal date would be answered with
        # whatever happened to be encoded, or not at all, so it is refused with a message instead.
        if value is not None and value < EARLIEST_AS_OF:
            raise _FieldError("", "as_of_before_rules")
        return value

    @model_validator(mode="after")
    def _roles(self) -> _HouseholdRules:
        members = getattr(self, "members")  # noqa: B009 (a generated field)
        roles = [m.role for m in members]
        if roles.count("applicant") != 1:
            raise _FieldError("members", "one_applicant" if "applicant" in roles else "no_applicant")
        if roles.count("partner") > 1:
            raise _FieldError("members", "two_partners")
        ids = [m.id for m in members if m.id]
        if len(ids) != len(set(ids)):
            raise _FieldError("members", "duplicate_id")
        self._plausible_ages(members)
        return self

    def _plausible_ages(self, members: list[Any]) -> None:
        """Dates that cannot all be true: a child born before every parent of the household, a partner under 16."""
        on = self.as_of or today()
        parents = [m.birth_date for m in members if m.role in ("applicant", "partner") and m.birth_date]
        for index, member in enumerate(members):
            born = member.birth_date
            if born is None:
                continue
            if member.role == "child" and parents and all(born <= parent for parent in parents):
                raise _FieldError(f"members[{index}].birth_date", "child_before_parent")
            age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
            if member.role == "partner" and age < PARTNER_MIN_AGE:
                raise _FieldError(f"members[{index}].birth_date", "partner_under_16")


def _build() -> tuple[Any, Any]:
    """(Member, Household) with one field per declared input; nested groups become nested models."""
    nested: dict[str, dict[str, Any]] = {"person": {}, "household": {}}
    for group in groups().values():
        if group.key is not None:
            model = _model(group.name.capitalize(), _Model, **_fields(group.name))
            nested[group.entity][group.key] = (model | None, None)
    member_fields = {
        name: field for g in groups().values() if g.path == "members[]" for name, field in _fields(g.name).items()
    }
    member = _model("Member", _MemberRules, **member_fields, **nested["person"])
    household_fields = {
        name: field for g in groups().values() if g.path == "" for name, field in _fields(g.name).items()
    }
    household = _model(
        "Household",
        _HouseholdRules,
        _HouseholdRules.__doc__,
        members=(list[member], Field(min_length=1, max_length=MAX_MEMBERS)),  # type: ignore[valid-type]
        **household_fields,
        **nested["household"],
    )
    return member, household


if TYPE_CHECKING:  # the models are built at import from the declaration; a type checker knows them by their rules
    Member = _MemberRules
    Household = _HouseholdRules
else:
    Member, Household = _build()


class _FieldError(ValueError):
    def __init__(self, field: str, code: str, detail: str = "") -> None:
        super().__init__(f"{field}: {code}")
        self.field = field
        self.code = code
        self.detail = detail


class HouseholdError(ValueError):
    """A household that breaks contract v1; ``errors`` holds one ``{"field", "code", "message": {"he", "ar", "ru",
    "en"}}`` per field."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__("; ".join(f"{e['field']}: {e['message']['en']}" for e in errors))
        self.errors = errors


# Every field error in the four languages residents use (he, ar, ru, en).
MESSAGES: dict[str, dict[str, str]] = {
    "missing": {
        "he": "שדה חובה חסר",
        "ar": "حقل إلزامي مفقود",
        "ru": "обязательное поле не заполнено",
        "en": "this field is required",
    },
    "extra_forbidden": {"he": "שדה לא מוכר", "ar": "حقل غير معروف", "ru": "неизвестное поле", "en": "unknown field"},
    "date": {
        "he": "תאריך לא תקין (YYYY-MM-DD)",
        "ar": "تاريخ غير صالح (YYYY-MM-DD)",
        "ru": "неверная дата (ГГГГ-ММ-ДД)",
        "en": "not a valid date (YYYY-MM-DD)",
    },
    "number": {"he": "צריך להיות מספר", "ar": "يجب أن يكون رقمًا", "ru": "должно быть числом", "en": "must be a number"},
    "negative": {
        "he": "לא יכול להיות שלילי",
        "ar": "لا يمكن أن يكون سالبًا",
        "ru": "не может быть отрицательным",
        "en": "cannot be negative",
    },
    "range": {
        "he": "ערך מחוץ לטווח המותר",
        "ar": "القيمة خارج النطاق المسموح",
        "ru": "значение вне допустимого диапазона",
        "en": "value out of the allowed range",
    },
    "bool": {
        "he": "צריך להיות כן/לא",
        "ar": "يجب أن يكون نعم/لا",
        "ru": "должно быть да/нет",
        "en": "must be true or false",
    },
    "choice": {"he": "ערך לא מוכר", "ar": "قيمة غير معروفة", "ru": "неизвестное значение", "en": "unknown value"},
    "list": {"he": "צריכה להיות רשימה", "ar": "يجب أن تكون قائمة", "ru": "должен быть список", "en": "must be a list"},
    "object": {
        "he": "צריך להיות אובייקט",
        "ar": "يجب أن يكون كائنًا",
        "ru": "должен быть объект",
        "en": "must be an object",
    },
    "text": {"he": "צריך להיות טקסט", "ar": "يجب أن يكون نصًا", "ru": "должен быть текст", "en": "must be text"},
    "date_in_future": {
        "he": "התאריך בעתיד",
        "ar": "التاريخ في المستقبل",
        "ru": "дата в будущем",
        "en": "the date is in the future",
    },
    "as_of_before_rules": {
        "he": "הכללים מכסים תאריכים מ-1 בינואר 2000 ואילך",
        "ar": "القواعد تغطي التواريخ من 1 كانون الثاني 2000 فصاعدًا",
        "ru": "правила охватывают даты начиная с 1 января 2000 года",
        "en": "the rules cover dates from 1 January 2000 on",
    },
    "before_birth": {
        "he": "תאריך התושבות מוקדם מתאריך הלידה",
        "ar": "تاريخ الإقامة أسبق من تاريخ الولادة",
        "ru": "дата начала проживания раньше даты рождения",
        "en": "residency starts before birth",
    },
    "immigration_before_birth": {
        "he": "תאריך העלייה מוקדם מתאריך הלידה",
        "ar": "تاريخ الهجرة أسبق من تاريخ الولادة",
        "ru": "дата репатриации раньше даты рождения",
        "en": "the immigration date is before the date of birth",
    },
    "service_before_birth": {
        "he": "תאריך סיום השירות מוקדם מתאריך הלידה",
        "ar": "تاريخ إنهاء الخدمة أسبق من تاريخ الولادة",
        "ru": "дата окончания службы раньше даты рождения",
        "en": "the service end date is before the date of birth",
    },
    "child_before_parent": {
        "he": "הילד/ה נולד/ה לפני ההורים שבמשק הבית: כדאי לבדוק את תאריכי הלידה",
        "ar": "وُلد الطفل قبل الوالدين في الأسرة: يُرجى التحقق من تواريخ الولادة",
        "ru": "ребёнок родился раньше родителей в семье: проверьте даты рождения",
        "en": "the child was born before the household's parents: check the dates of birth",
    },
    "partner_under_16": {
        "he": "בן/בת הזוג צעיר/ה מגיל 16: כדאי לבדוק את תאריך הלידה",
        "ar": "عمر الزوج/الزوجة أقل من 16 عامًا: يُرجى التحقق من تاريخ الولادة",
        "ru": "супругу(-е) меньше 16 лет: проверьте дату рождения",
        "en": "the partner is under 16: check the date of birth",
    },
    "unknown_program": {
        "he": "זכות לא מוכרת ברשימת הקצבאות",
        "ar": "حق غير معروف في قائمة المخصصات",
        "ru": "неизвестное право в списке пособий",
        "en": "unknown program id",
    },
    "one_applicant": {
        "he": "צריך להיות מבקש/ת אחד/ת בדיוק",
        "ar": "يجب أن يكون هناك مقدّم طلب واحد بالضبط",
        "ru": "заявитель должен быть ровно один",
        "en": "there must be exactly one applicant",
    },
    "no_applicant": {
        "he": "חסר/ה מבקש/ת (role=applicant); בן/בת זוג או ילדים דורשים מבקש/ת",
        "ar": "لا يوجد مقدّم طلب (role=applicant)؛ الزوج/الزوجة أو الأطفال يتطلبون مقدّم طلب",
        "ru": "нет заявителя (role=applicant); супруг(а) или дети требуют заявителя",
        "en": "no applicant (role=applicant); a partner or children need an applicant",
    },
    "two_partners": {
        "he": "יותר מבן/בת זוג אחד/ת",
        "ar": "أكثر من زوج/زوجة واحد",
        "ru": "больше одного супруга",
        "en": "more than one partner",
    },
    "duplicate_id": {
        "he": "מזהה בני משפחה כפול",
        "ar": "معرّف فرد عائلة مكرر",
        "ru": "повторяющийся идентификатор члена семьи",
        "en": "duplicate member id",
    },
    "pattern": {
        "he": "ערך בפורמט לא תקין",
        "ar": "قيمة بصيغة غير صالحة",
        "ru": "значение в неверном формате",
        "en": "value has an invalid format",
    },
    "too_short": {"he": "הרשימה ריקה", "ar": "القائمة فارغة", "ru": "список пуст", "en": "the list is empty"},
    "too_long": {
        "he": "יותר מדי פריטים",
        "ar": "عناصر كثيرة جدًا",
        "ru": "слишком много элементов",
        "en": "too many items",
    },
    "invalid": {"he": "ערך לא תקין", "ar": "قيمة غير صالحة", "ru": "недопустимое значение", "en": "invalid value"},
}

_PYDANTIC_CODES = {
    "missing": "missing",
    "extra_forbidden": "extra_forbidden",
    "date_parsing": "date",
    "date_from_datetime_parsing": "date",
    "date_type": "date",
    "float_parsing": "number",
    "float_type": "number",
    "int_parsing": "number",
    "int_type": "number",
    "int_from_float": "number",
    "bool_parsing": "bool",
    "bool_type": "bool",
    "literal_error": "choice",
    "list_type": "list",
    "model_type": "object",
    "model_attributes_type": "object",
    "string_type": "text",
    "string_pattern_mismatch": "pattern",
    "too_short": "too_short",
    "too_long": "too_long",
}


def _field_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _code(err: Any) -> str:
    kind = err["type"]
    if kind in ("greater_than_equal", "greater_than"):
        limit = (err.get("ctx") or {}).get("ge", (err.get("ctx") or {}).get("gt"))
        return "negative" if limit == 0 else "range"
    if kind in ("less_than_equal", "less_than"):
        return "range"
    if kind == "value_error":
        exc = (err.get("ctx") or {}).get("error")
        if isinstance(exc, _FieldError):
            return exc.code
    return _PYDANTIC_CODES.get(kind, "invalid")


def _translate(exc: ValidationError) -> list[dict[str, Any]]:
    errors: dict[str, dict[str, Any]] = {}
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith(("function-", "literal["))))
        ctx_error = (err.get("ctx") or {}).get("error")
        if isinstance(ctx_error, _FieldError) and ctx_error.field:
            loc = (*loc, ctx_error.field)
        field = _field_path(loc) or "household"
        if field in errors:
            continue
        code = _code(err)
        message = dict(MESSAGES.get(code, MESSAGES["invalid"]))
        if isinstance(ctx_error, _FieldError) and ctx_error.detail:
            message = {lang: f"{text}: {ctx_error.detail}" for lang, text in message.items()}
        errors[field] = {"field": field, "code": code, "message": message}
    return list(errors.values())


def validate_household(data: Any) -> Household:
    """Validate a household dict against contract v1; raise HouseholdError (one error per field, four languages)."""
    if isinstance(data, Household):
        return data
    if not isinstance(data, dict):
        raise HouseholdError([{"field": "household", "code": "object", "message": dict(MESSAGES["object"])}])
    try:
        return Household.model_validate(data)
    except ValidationError as exc:
        raise HouseholdError(_translate(exc)) from None


def receivable_ids() -> frozenset[str]:
    from eligibility.catalogue import program_ids

    return frozenset(program_ids()) | frozenset(OTHER_RECEIVABLE)
