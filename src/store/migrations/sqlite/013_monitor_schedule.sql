-- 013 monitoring schedule (issue #8): how often the scheduler inside `serve` checks each site and probes its
-- availability, the lease that lets one node of several run it, and the highlights of the yearly assessment.
-- Described in docs/monitoring.md.

-- Hours between two scheduled checks of a site (default daily), and availability probes per day
-- (国办秘函〔2019〕19号: at least 20 a day).
ALTER TABLE monitor_sites ADD COLUMN check_every_hours INTEGER NOT NULL DEFAULT 24 CHECK (check_every_hours > 0);
ALTER TABLE monitor_sites ADD COLUMN probes_per_day INTEGER NOT NULL DEFAULT 24 CHECK (probes_per_day >= 20);

-- The scheduler's lease: the node named in `holder` runs the scheduler until `expires_at` (UTC
-- 'YYYY-MM-DDTHH:MM:SSZ') and renews it every round; another node takes over once it has expired.
-- accounts_checked_on: the China date of the last daily pass over new-media accounts and circulars.
CREATE TABLE monitor_scheduler (
  name                TEXT PRIMARY KEY,
  holder              TEXT NOT NULL,
  expires_at          TEXT NOT NULL,
  accounts_checked_on TEXT
) STRICT;

-- Highlights (亮点) of a unit's disclosure work in a year, recorded by the supervising office: each earns the
-- bonus of its rule in data/assessment-rules.tsv in the yearly assessment (gongkai monitor assess).
CREATE TABLE assessment_highlights (
  id          INTEGER PRIMARY KEY,
  body_id     INTEGER NOT NULL REFERENCES bodies(id),
  year        INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2199),
  rule_id     TEXT NOT NULL,
  note        TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX assessment_highlights_year ON assessment_highlights(year, body_id);
