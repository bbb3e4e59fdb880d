-- 008 monitoring (issue #8): monitored websites and their columns, crawl runs, availability probes, findings with
-- their evidence, government new-media accounts and their update records, rectification circulars (通报) and the
-- re-checks that close findings. Described in docs/monitoring.md. Dates 'YYYY-MM-DD' China time; timestamps UTC.

-- A government website under supervision; body_id is the unit responsible for it (the addressee of circulars).
CREATE TABLE monitor_sites (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  body_id     INTEGER NOT NULL REFERENCES bodies(id),
  home_url    TEXT NOT NULL,
  page_budget INTEGER NOT NULL DEFAULT 200 CHECK (page_budget > 0),
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at  TEXT NOT NULL
) STRICT;

-- A column (栏目) of a monitored site: its listing URL (absolute, or a path resolved against the home URL), type (domain/monitor_rules column types) and the expected
-- update interval in days (NULL: not expected to be updated, e.g. 政府信息公开指南).
CREATE TABLE monitor_columns (
  id                   INTEGER PRIMARY KEY,
  site_id              INTEGER NOT NULL REFERENCES monitor_sites(id),
  body_id              INTEGER REFERENCES bodies(id),   -- the unit running the column on a shared (集约化) site; NULL: the site's unit
  name                 TEXT NOT NULL,
  url                  TEXT NOT NULL,
  type                 TEXT NOT NULL,
  update_interval_days INTEGER CHECK (update_interval_days IS NULL OR update_interval_days > 0),
  UNIQUE (site_id, url)
) STRICT;

-- One check of one site on one day (as_of). Re-running on the same day reuses the run (idempotent per run).
CREATE TABLE monitor_runs (
  id            INTEGER PRIMARY KEY,
  site_id       INTEGER NOT NULL REFERENCES monitor_sites(id),
  as_of         TEXT NOT NULL,
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  pages_fetched INTEGER NOT NULL DEFAULT 0,
  links_checked INTEGER NOT NULL DEFAULT 0,
  findings      INTEGER NOT NULL DEFAULT 0,
  UNIQUE (site_id, as_of)
) STRICT;

-- Availability probes of a site's home page (国办秘函〔2019〕19号: >= 20 a day, not open after 15 s = failure).
CREATE TABLE monitor_probes (
  id          INTEGER PRIMARY KEY,
  site_id     INTEGER NOT NULL REFERENCES monitor_sites(id),
  probed_at   TEXT NOT NULL,
  ok          INTEGER NOT NULL CHECK (ok IN (0, 1)),
  millis      INTEGER NOT NULL,
  http_status INTEGER NOT NULL DEFAULT 0,
  error       TEXT
) STRICT;
CREATE INDEX monitor_probes_site_time ON monitor_probes(site_id, probed_at);

-- 政务新媒体 accounts (registry): platform, name, owner unit, status, filing (备案), opened / closed.
CREATE TABLE newmedia_accounts (
  id            INTEGER PRIMARY KEY,
  body_id       INTEGER NOT NULL REFERENCES bodies(id),
  platform      TEXT NOT NULL CHECK (platform IN ('weibo', 'wechat', 'douyin', 'toutiao', 'kuaishou', 'app', 'other')),
  name          TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'closed')),
  filing_number TEXT,
  filed_on      TEXT,
  opened_on     TEXT NOT NULL,
  closed_on     TEXT,
  created_at    TEXT NOT NULL,
  UNIQUE (platform, name),
  CHECK (closed_on IS NULL OR closed_on >= opened_on)
) STRICT;

-- What an account published (entered by staff, imported from a platform's CSV export, or demo data).
CREATE TABLE newmedia_updates (
  id         INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES newmedia_accounts(id),
  posted_on  TEXT NOT NULL,
  title      TEXT NOT NULL,
  url        TEXT,
  source     TEXT NOT NULL CHECK (source IN ('entry', 'import', 'demo')),
  UNIQUE (account_id, posted_on, title)
) STRICT;
CREATE INDEX newmedia_updates_account_date ON newmedia_updates(account_id, posted_on);

-- 整改通报: a circular to the responsible unit listing findings, with a deadline; state issued -> answered ->
-- closed (every listed finding closed by a passing re-check), or escalated when the deadline passed first.
CREATE TABLE rectification_circulars (
  id           INTEGER PRIMARY KEY,
  number       TEXT NOT NULL UNIQUE,
  body_id      INTEGER NOT NULL REFERENCES bodies(id),
  issued_on    TEXT NOT NULL,
  deadline     TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('issued', 'answered', 'closed', 'escalated')),
  answer       TEXT,
  answered_on  TEXT,
  escalated_on TEXT,
  closed_on    TEXT,
  created_at   TEXT NOT NULL,
  CHECK (deadline >= issued_on)
) STRICT;
CREATE INDEX rectification_circulars_issued ON rectification_circulars(issued_on);

-- A problem found: the rule it breaks (data/monitor-rules.tsv), grade, and evidence (URL, date seen, excerpt,
-- the page it was found on). Open findings are unique per (body, rule, subject); a finding closes only when a
-- check no longer sees it (for findings on a circular: a re-check on or after its due date).
CREATE TABLE monitor_findings (
  id            INTEGER PRIMARY KEY,
  body_id       INTEGER NOT NULL REFERENCES bodies(id),
  site_id       INTEGER REFERENCES monitor_sites(id),
  account_id    INTEGER REFERENCES newmedia_accounts(id),
  rule_id       TEXT NOT NULL,
  grade         TEXT NOT NULL CHECK (grade IN ('red', 'yellow')),
  subject       TEXT NOT NULL,
  found_on      TEXT,
  excerpt       TEXT NOT NULL DEFAULT '',
  date_seen     TEXT,
  first_seen_on TEXT NOT NULL,
  last_seen_on  TEXT NOT NULL,
  first_run_id  INTEGER REFERENCES monitor_runs(id),
  last_run_id   INTEGER REFERENCES monitor_runs(id),
  state         TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
  closed_on     TEXT,
  circular_id   INTEGER REFERENCES rectification_circulars(id)
) STRICT;
CREATE UNIQUE INDEX monitor_findings_open ON monitor_findings(body_id, rule_id, subject) WHERE state = 'open';
CREATE INDEX monitor_findings_site ON monitor_findings(site_id, state);

-- Re-checks of findings on a circular: red the next working day, yellow a week later.
CREATE TABLE monitor_rechecks (
  id         INTEGER PRIMARY KEY,
  finding_id INTEGER NOT NULL REFERENCES monitor_findings(id),
  due_on     TEXT NOT NULL,
  done_on    TEXT,
  passed     INTEGER CHECK (passed IN (0, 1)),
  run_id     INTEGER REFERENCES monitor_runs(id)
) STRICT;
CREATE INDEX monitor_rechecks_due ON monitor_rechecks(due_on) WHERE done_on IS NULL;
