-- 009 reports: what the annual report (条例 Art. 49-50) needs beyond the records it is computed from — the yearly
-- figures other systems hold (table 二: licensing, penalties, coercion, fees, procurement), the staff-written
-- sections, the report's versions and the reviewer's decisions on check warnings. Described in docs/architecture.md
-- and docs/report-build.md. Dates 'YYYY-MM-DD'; timestamps UTC ISO-8601.

-- One entered or imported figure: a cell of table 二 for a body and report year. The row and column codes are those
-- of the year's format (data/report-formats.tsv); services/report_figures validates them before writing.
CREATE TABLE report_figures (
  body_id     INTEGER NOT NULL REFERENCES bodies(id),
  year        INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2199),
  table_code  TEXT NOT NULL CHECK (table_code IN ('table2')),
  row_code    TEXT NOT NULL,
  column_code TEXT NOT NULL,
  value       REAL NOT NULL,
  source      TEXT NOT NULL DEFAULT '',   -- where the figure comes from: 'entered', an import file name, 'demo'
  entered_by  TEXT NOT NULL DEFAULT '',   -- a login, 'import', 'demo'
  entered_at  TEXT NOT NULL,
  PRIMARY KEY (body_id, year, table_code, row_code, column_code)
) STRICT;

-- The staff-written text of a section (1 = 一、总体情况 as edited from the draft, 5, 6) of a body's report.
CREATE TABLE report_texts (
  body_id     INTEGER NOT NULL REFERENCES bodies(id),
  year        INTEGER NOT NULL,
  section     TEXT NOT NULL CHECK (section IN ('1', '5', '6')),
  text        TEXT NOT NULL,
  updated_by  TEXT NOT NULL DEFAULT '',
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (body_id, year, section)
) STRICT;

-- Versions of a body's report: a frozen copy (the report JSON) moving draft → submitted → returned | approved →
-- published. item_id is the published annual_report item.
CREATE TABLE report_versions (
  id          INTEGER PRIMARY KEY,
  body_id     INTEGER NOT NULL REFERENCES bodies(id),
  year        INTEGER NOT NULL,
  version     INTEGER NOT NULL CHECK (version >= 1),
  state       TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'returned', 'approved', 'published')),
  include_children INTEGER NOT NULL DEFAULT 0 CHECK (include_children IN (0, 1)),
  snapshot    TEXT NOT NULL,
  comment     TEXT NOT NULL DEFAULT '',
  created_by  TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  decided_by  TEXT,
  decided_at  TEXT,
  item_id     INTEGER REFERENCES items(id),
  UNIQUE (body_id, year, version)
) STRICT;

-- A reviewer's decision on a check warning, keyed by rule and place so that it survives re-checks.
CREATE TABLE report_check_decisions (
  body_id     INTEGER NOT NULL REFERENCES bodies(id),
  year        INTEGER NOT NULL,
  rule        TEXT NOT NULL,
  where_key   TEXT NOT NULL,
  decision    TEXT NOT NULL CHECK (decision IN ('confirmed', 'dismissed')),
  reason      TEXT NOT NULL CHECK (reason <> ''),
  decided_by  TEXT NOT NULL DEFAULT '',
  decided_at  TEXT NOT NULL,
  PRIMARY KEY (body_id, year, rule, where_key)
) STRICT;

-- Table 二's registry rows read the normative documents of a year without scanning every item.
CREATE INDEX items_kind_date ON items(kind, publish_date);
