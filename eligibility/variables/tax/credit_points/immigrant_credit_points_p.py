from __future__ import annotations

import datetime as dt
from typing import Any, cast

import polars as pl

from eligibility.model import PERSON, Formula, Variable
from eligibility.variables.tax.credit_points.references import NEW_IMMIGRANT

N = "tax.credit_points.new_immigrant."


def _schedule(f: Formula, prefix: str, bands: int, month: pl.Expr) -> pl.Expr:
    """The yearly points of the band the ``month`` of aliyah (the first is 1) falls in; 0 after the last."""
    chain: Any = pl
    for band in range(1, bands + 1):
        chain = chain.when(month <= f.lit(f"{prefix}band_{band}_last_month")).then(f.lit(f"{prefix}band_{band}_points"))
    return cast(pl.Expr, chain.otherwise(0.0))


class immigrant_credit_points_p(Variable):
    label = "נקודות זיכוי לשנה לעולה חדש/ה בחודש הנוכחי מאז העלייה (0 למי שאינו/ה עולה או שתקופת ההטבה תמה)"
    entity = PERSON
    value_type = float
    unit = "/1"
    reference = (NEW_IMMIGRANT,)

    def formula(self, f: Formula) -> pl.Expr:
        month = f.var("months_since_immigration") + 1  # the month of aliyah is the first
        old = _schedule(f, N + "old_schedule.", 3, month)
        first = f.p(N + "new_schedule_first_month")
        if first is None:  # before the 2022 amendment every immigrant has the older schedule
            points = old
        else:
            since = dt.date(int(first) // 100, int(first) % 100, 1)
            points = f.either(f.var("immigration_date") >= since, _schedule(f, N + "new_schedule.", 4, month), old)
        return f.either(f.var("is_immigrant"), points, 0.0)
