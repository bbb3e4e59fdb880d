-- 014 report imports: published annual reports read and checked by `report check` (any body's, e.g. those the
-- bodies below a city office published elsewhere), kept so a supervisor can compare a body's years and several
-- bodies' same year side by side (`gongkai report import`, `report compare`, /staff/reports/compare). One report per
-- body and year: importing another file for them replaces it (the audit log keeps what was replaced).
-- Described in docs/report-check.md. Timestamps UTC ISO-8601.
CREATE TABLE report_imports (
  id            INTEGER PRIMARY KEY,
  body_id       INTEGER NOT NULL REFERENCES bodies(id),
  year          INTEGER NOT NULL CHECK (year BETWEEN 2008 AND 2199),
  format        TEXT CHECK (format IN ('2019', '2021')),  -- the format table 三 was read in; NULL if unknown
  title         TEXT NOT NULL,              -- as read from the file ('' when it had none)
  source_file   TEXT NOT NULL,              -- the file name as given to the import
  source_sha256 TEXT NOT NULL,              -- hex SHA-256 of the file's bytes
  checked       TEXT NOT NULL,              -- the `report check --json` document: tables (blank = null), violations
  errors        INTEGER NOT NULL CHECK (errors >= 0),
  warnings      INTEGER NOT NULL CHECK (warnings >= 0),
  imported_by   TEXT NOT NULL,              -- a login, or 'cli:<os user>'
  imported_at   TEXT NOT NULL,
  UNIQUE (body_id, year)
) STRICT;

-- Section 一's figures (store/stats, `gongkai stats`) count a year's published items of a scope by kind, key area
-- and emergency: this index covers those columns so the count reads the index alone, not the rows (whose long
-- content lies before those columns and would be read through overflow pages) — bench/RESULTS.md.
CREATE INDEX items_stats ON items(body_id, publish_date, status, kind, key_area, emergency);
