"""The compliance rate as it was some days ago, for the trend on the KPI tile.

Nothing is stored for it: the figure is derived again from the history, with
the same pure rule (`certifications.derivation.derive`) that fills the summary
table, run with `today=` that day. How:

- Who counted then: the (person, certification) rows the dashboard counts now
  (same scope and filters), less those that were not yet required that day
  (`required_since` after it) and people hired after it.
- What they held then: their certificates issued up to that day (a refresher
  counts on top of them as it does today), and the policy changes published up
  to that day, under the certification's current rule.
- Compliant then: the derived status is one of `compliance.COMPLIANT`.

What it cannot know, because no history of it is kept: people who have left
since (they are no longer in the table), department or role moves, a
certificate revoked since (it counts as revoked then too) and rule edits.
Enrolments play no part: they decide between "overdue", "in progress" and
"not started", never whether a certificate is held.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from certifications import derivation
from certifications.models import CertificationStatus
from certifications.selectors import certification_plans, history

from .compliance import COMPLIANT

TREND_DAYS = 30


@dataclass
class Trend:
    day: datetime.date
    total: int
    compliant: int

    @property
    def rate(self) -> int | None:
        return round(100 * self.compliant / self.total) if self.total else None


def compliance_as_of(
    statuses: QuerySet[CertificationStatus], *, day: datetime.date, certification=None
) -> Trend:
    """The compliance of these status rows as it stood at the end of `day`.
    A fixed number of queries: the rows, the certifications' plans and the
    certificates and enrolments of the people concerned."""
    pairs = list(
        statuses.filter(
            Q(required_since__isnull=True) | Q(required_since__lte=day),
            Q(user__hire_date__isnull=True) | Q(user__hire_date__lte=day),
        ).values_list("user_id", "certification_id", "user__hire_date")
    )
    if not pairs:
        return Trend(day=day, total=0, compliant=0)
    plans = {
        plan.certification.pk: plan
        for plan in certification_plans(certification=certification)
    }
    course_ids = set().union(*(plan.course_ids for plan in plans.values()))
    certificates, _enrollments = history(
        user_ids={user_id for user_id, _c, _h in pairs}, course_ids=course_ids
    )
    # The end of that day in the site's time zone, as certificates are issued.
    end = timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    )
    compliant = 0
    for user_id, certification_id, hire_date in pairs:
        plan = plans[certification_id]
        held = [
            c
            for c in certificates[user_id]
            if c.course_id in plan.course_ids and c.issued_at < end
        ]
        if not held:
            continue  # no certificate then: not compliant, whatever else
        derived = derivation.derive(
            requirement=plan.requirement,
            certificates=held,
            enrollments=(),
            hire_date=hire_date,
            today=day,
            policy_changes=[p for p in plan.policy_changes if p.created_at < end],
        )
        compliant += derived.status in COMPLIANT
    return Trend(day=day, total=len(pairs), compliant=compliant)


def trend(
    statuses: QuerySet[CertificationStatus], *, today=None, certification=None
) -> Trend:
    today = today or timezone.localdate()
    return compliance_as_of(
        statuses,
        day=today - datetime.timedelta(days=TREND_DAYS),
        certification=certification,
    )
