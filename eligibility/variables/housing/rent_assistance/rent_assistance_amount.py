from __future__ import annotations

import polars as pl

from eligibility.model import HOUSEHOLD, Formula, Variable
from eligibility.parameters import children
from eligibility.variables.general.benefit_groups.logic import pension_with_supplement
from eligibility.variables.housing.rent_assistance.references import RENT_AMOUNTS, RENT_SINGLE_PARENT

A = "housing.rent_assistance.amounts."
INCOME = "housing.rent_assistance.single_parent_income."
L = "housing.rent_assistance.locality."
# The single-parent table's cells, in the order of their index: family size (up to 3 children, then 4 or more),
# income band (lower, higher), locality (other, national priority) and size (large, small). None: a cell the source
# does not give (its row is cut off), which leaves the amount unknown.
CELLS = [
    f"{kids}.{band}.{place}_{size}"
    for kids in ("up_to_3_children", "from_4_children")
    for band in ("lower_income", "higher_income")
    for place in ("other", "priority")
    for size in ("large", "small")
]


class rent_assistance_amount(Variable):
    label = "סכום הסיוע החודשי בשכר דירה (הגבוה מבין המסלולים שהמשפחה עומדת בהם; לא ידוע במסלול שאין בידינו את טבלתו)"
    entity = HOUSEHOLD
    value_type = float
    unit = "currency-ILS"
    reference = (RENT_AMOUNTS, RENT_SINGLE_PARENT)
    defined_for = "is_rent_assistance_eligible"

    def formula(self, f: Formula) -> pl.Expr:
        elderly = pension_with_supplement(f)  # at retirement age, an old-age or survivors' pension with the supplement
        by_elderly = pl.when(elderly).then(f.lit(A + "elderly_supplement"))
        large = f.either(f.var("num_children") >= f.lit(INCOME + "large_family_children"), 8, 0)
        higher = f.either(f.var("rent_parent_income") > f.lit(INCOME + "lower_band_ceiling"), 4, 0)
        place = f.lit(L + "national_priority") * 2 + f.lit(L + "small_locality")
        index = (large + higher + place).cast(pl.UInt32)
        names = {name[len(A + "single_parent.") :] for name in children(A + "single_parent")}
        values = [f.p(A + "single_parent." + cell) if cell in names else None for cell in CELLS]
        by_table = pl.when(f.var("rent_assistance_single_parent")).then(f.choose(index, values))
        # A household in two tracks gets the higher amount (the procedure); a track whose table we do not hold adds
        # nothing, so the amount is the least the household is sure to get, and unknown where no track's is known.
        return pl.max_horizontal(by_elderly, by_table)
