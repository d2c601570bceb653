"""Time the plan review (PLAN-RUBRIC.md's fifteen items) on every shipped template's peak week.

Each template is laid on the lifter it was written for (full gym) and reviewed against the
whole built-in catalog; the review runs ``--repeat`` times per template and the script prints
the median and 95th percentile milliseconds per review, and which items each template fails.

    python bench/bench_review.py --repeat 50
"""

from __future__ import annotations

import argparse
import statistics
import time

from spotter.knowledge.vocab import EQUIPMENT_PRESETS
from spotter.planning.model.review import ReviewInput, review_week
from spotter.planning.model.template_use import template_mesocycle
from spotter.planning.model.volume import facts_of
from spotter.profile import Profile
from spotter.services.catalog import load_catalog
from spotter.services.planning import list_templates

DAYS = {
    3: ("mon", "wed", "fri"),
    4: ("mon", "tue", "thu", "fri"),
    6: ("mon", "tue", "wed", "thu", "fri", "sat"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    catalog = load_catalog(None)
    facts = facts_of(catalog.all())
    times: list[float] = []
    print(f"{'template':18} {'goal':12} {'failed items':24} ms p50")
    for name, t in list_templates(catalog).items():
        p = Profile("kg", t.goal, t.experience, DAYS[t.days], t.minutes, EQUIPMENT_PRESETS["full-gym"])
        meso, names = template_mesocycle(t, p, facts, weeks=t.weeks)
        inp = ReviewInput(meso.base, facts, p, names=names[-2], mesocycle=meso)
        own = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            review = review_week(inp)
            own.append((time.perf_counter() - start) * 1000)
        times += own
        failed = ",".join(str(i.number) for i in review.failed) or "-"
        print(f"{name:18} {t.goal:12} {failed:24} {statistics.median(own):.1f}")
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"all: {len(times)} reviews, p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
