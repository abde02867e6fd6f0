from __future__ import annotations

from eligibility.model import Condition
from eligibility.variables.nii.nii_alimony.refs import ALIMONY_LAW, AMOUNTS, INCOME, WHO

P = "nii_alimony"
CONDITIONS = [
    Condition(
        P,
        "child_under_18",
        lambda f: f.var("num_children") > 0,
        {
            "he": "יש עמך ילד/ה מתחת לגיל 18 (במלאת 18 לילד/ה הצעיר/ה נפסק התשלום)",
            "ar": "معك ولد دون سن 18 (عند بلوغ أصغر الأولاد 18 يتوقف الدفع)",
            "ru": "с вами живёт ребёнок до 18 лет (когда младшему исполняется 18, выплата прекращается)",
            "en": "a child under 18 lives with you (payment stops when the youngest turns 18)",
        },
        (WHO,),
        asks=("person.birth_date",),
    ),
    Condition(
        P,
        "no_partner_at_home",
        lambda f: f.var("has_partner").not_(),
        {
            "he": "את/ה מגדל/ת את הילדים בלי בן/בת זוג בבית (מי שנישאה מחדש או חיה עם בן זוג מקבלת סכום נמוך יותר – לבדוק בביטוח הלאומי)",
            "ar": "تربّي الأولاد دون زوج/ة في البيت (من تزوّجت من جديد أو تعيش مع شريك تحصل على مبلغ أقل – يُفحص في التأمين الوطني)",
            "ru": "вы растите детей без супруга/партнёра дома (вступившей в новый брак или живущей с партнёром платят меньше – уточните в Битуах леуми)",
            "en": "you are raising the children without a partner at home (a parent who remarried or lives with a partner gets a lower rate – ask National Insurance)",
        },
        (WHO,),
    ),
    Condition(
        P,
        "unpaid_judgment",
        lambda f: f.var("applicant_unpaid_alimony_judgment"),
        {
            "he": "יש בידך פסק דין למזונות (מבית משפט או מבית דין) וההורה השני אינו משלם אותו",
            "ar": "لديك حكم نفقة (من محكمة أو محكمة دينية) والوالد الآخر لا يدفعه",
            "ru": "у вас есть решение суда (или религиозного суда) об алиментах, и другой родитель их не платит",
            "en": "you hold a maintenance judgment (from a court or a religious court) that the other parent does not pay",
        },
        (ALIMONY_LAW,),
        asks=("person.unpaid_alimony_judgment",),
    ),
    Condition(
        P,
        "judgment_amount",
        lambda f: f.var("applicant_alimony_judgment_amount") > 0,
        {
            "he": "פסק הדין קובע סכום מזונות חודשי (הביטוח הלאומי משלם עד הסכום הזה)",
            "ar": "الحكم يحدد مبلغ نفقة شهريًا (يدفع التأمين الوطني حتى هذا المبلغ)",
            "ru": "в решении суда указана ежемесячная сумма алиментов (Битуах леуми платит не больше её)",
            "en": "the judgment sets a monthly amount of maintenance (National Insurance pays up to it)",
        },
        (AMOUNTS,),
        asks=("person.alimony_judgment_amount",),
        value="applicant_alimony_judgment_amount",
    ),
    Condition(
        P,
        "income_test",
        lambda f: f.var("nii_alimony_table_amount") > f.var("nii_alimony_income_deduction"),
        {
            "he": "ההכנסות שלך נמוכות מהתקרה שבתקנות (לפי גילך ומספר הילדים): הכנסה מעבודה מנוכה בחלקה, הכנסה אחרת במלואה",
            "ar": "دخلك أقل من السقف في الأنظمة (حسب سنك وعدد الأولاد): يُخصم الدخل من العمل جزئيًا والدخل الآخر كاملًا",
            "ru": "ваши доходы ниже потолка по правилам (по возрасту и числу детей): доход от работы вычитается частично, прочий – полностью",
            "en": "your income is below the regulations' ceiling (by your age and number of children): work income is deducted in part, other income in full",
        },
        (INCOME,),
        asks=("income.work", "income.pension_occupational", "income.nii_benefits", "income.capital", "income.other"),
        value="applicant_income_work",
    ),
]
