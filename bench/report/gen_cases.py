#!/usr/bin/env python3
"""Writes N disclosure-on-application cases as JSON Lines for `gongkai import applications` (spec/contracts.md):
spread over the given body codes, received 2019-2021 (most in 2020), about one in twelve still open, the rest
replied 0-60 days later with an outcome of table 三. Deterministic for a given N.

usage: gen_cases.py N BODY_CODE... > cases.jsonl
"""
import datetime
import json
import random
import sys

OUTCOMES = ["granted", "granted", "granted", "partial", "withheld.third_party", "withheld.process_info",
            "unavailable.not_held", "unavailable.needs_compilation", "not_processed.duplicate",
            "not_processed.petition", "other.no_correction", "other.other"]
TYPES = ["natural_person"] * 6 + ["business", "research", "social_welfare", "legal_service", "other_org"]
CHANNELS = ["online", "online", "in_person", "mail"]


def main():
    n = int(sys.argv[1])
    bodies = sys.argv[2:]
    rng = random.Random(20201231)
    out = sys.stdout
    for idx in range(n):
        year = rng.choice([2019, 2020, 2020, 2020, 2021])
        received = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        case = {"body": bodies[idx % len(bodies)], "received_date": received.isoformat(),
                "channel": rng.choice(CHANNELS), "applicant_type": rng.choice(TYPES),
                "request": f"申请公开第{idx}号政府信息", "reference": f"bench-{idx}"}
        if idx % 12 != 0:
            replied = received + datetime.timedelta(days=rng.randrange(61))
            if replied <= datetime.date(2026, 11, 27):
                case["outcome"] = rng.choice(OUTCOMES)
                case["replied_date"] = replied.isoformat()
        out.write(json.dumps(case, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
