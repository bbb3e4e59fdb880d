-- 007 applications: disclosure-on-application cases (依申请公开, 条例 Art. 27-39), their append-only event history,
-- the per-body serials of application numbers, and reconsideration / litigation cases (annual report table 四).
-- Described in docs/architecture.md. Dates are 'YYYY-MM-DD' in China time; timestamps UTC ISO-8601.

-- 申请编号 serials: unique per body and receipt year, never reused (the high-water mark only grows).
CREATE TABLE application_serials (
  body_id     INTEGER NOT NULL REFERENCES bodies(id),
  year        INTEGER NOT NULL,
  last_serial INTEGER NOT NULL CHECK (last_serial >= 0),
  PRIMARY KEY (body_id, year)
) STRICT;

-- One row per application. stage / the three once-only flags / outcome are domain/case_state's CaseState,
-- the result of replaying application_events. due_date is the reply deadline last computed from the events
-- (domain/deadline reply_deadline); NULL while the clock is stopped or the case is closed before one was known.
CREATE TABLE applications (
  id                   INTEGER PRIMARY KEY,
  body_id              INTEGER NOT NULL REFERENCES bodies(id),
  number               TEXT NOT NULL UNIQUE,        -- 申请编号 '<body code>-<year>-<serial:4>'
  query_code_hash      TEXT NOT NULL,               -- hex SHA-256 of the applicant's query code; the code is not kept
  channel              TEXT NOT NULL CHECK (channel IN ('online', 'in_person', 'mail', 'fax', 'other')),
  receipt_basis        TEXT CHECK (receipt_basis IN ('handed_in', 'signed_for', 'confirmed_with_applicant',
                                                     'both_sides_confirmed')),   -- 条例 Art. 31
  applicant_type       TEXT NOT NULL CHECK (applicant_type IN ('natural_person', 'business', 'research',
                                                               'social_welfare', 'legal_service', 'other_org')),
  applicant_name       TEXT,
  id_kind              TEXT CHECK (id_kind IN ('resident_id', 'credit_code', 'other')),
  id_sealed            TEXT,                        -- base64 of nonce || crypto_secretbox_easy ciphertext
  id_masked            TEXT,                        -- domain/id_numbers mask, for display
  phone                TEXT,
  address              TEXT,
  request              TEXT NOT NULL,               -- 所需信息的名称、文号或特征性描述 (Art. 29（二）)
  form_wanted          TEXT,                        -- 纸质 / 电子 … (Art. 29（三）)
  delivery_wanted      TEXT,                        -- 邮寄 / 电子邮件 / 自行领取 …
  received_date        TEXT,                        -- Art. 31 receipt date; NULL while an online submission awaits confirmation
  stage                TEXT NOT NULL CHECK (stage IN ('submitted', 'registered', 'correction_requested',
                                                      'in_handling', 'consulting', 'fee_requested', 'decided',
                                                      'replied', 'delivered', 'archived', 'discarded')),
  correction_requested INTEGER NOT NULL DEFAULT 0 CHECK (correction_requested IN (0, 1)),
  extended             INTEGER NOT NULL DEFAULT 0 CHECK (extended IN (0, 1)),
  fee_requested        INTEGER NOT NULL DEFAULT 0 CHECK (fee_requested IN (0, 1)),
  outcome              TEXT,                        -- outcome code of spec/contracts.md once decided
  decided_date         TEXT,
  replied_date         TEXT,                        -- the 办理结果 date of table 三
  due_date             TEXT,
  due_provisional      INTEGER NOT NULL DEFAULT 0 CHECK (due_provisional IN (0, 1)),
  reference            TEXT,                        -- an external system's id; unique per body when given
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  CHECK (replied_date IS NULL OR (outcome IS NOT NULL AND received_date IS NOT NULL AND replied_date >= received_date)),
  UNIQUE (body_id, reference)
) STRICT;
CREATE INDEX applications_body_received ON applications(body_id, received_date);
CREATE INDEX applications_open_due ON applications(due_date) WHERE replied_date IS NULL;

-- What happened to an application, in order (seq 1, 2, 3 … per application). Never updated or deleted.
-- kind: an event code of domain/case_state ('register', 'confirm', 'request_correction', 'extend', 'decide' …),
-- 'register' for the first row, 'import' for a case imported closed, 'deadline_changed' when a calendar update
-- moved the due date (detail says from and to).
CREATE TABLE application_events (
  id             INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES applications(id),
  seq            INTEGER NOT NULL CHECK (seq >= 1),
  kind           TEXT NOT NULL,
  on_date        TEXT NOT NULL,                     -- the legal date of the act
  days           INTEGER,                           -- 'extend': the extension in working days
  outcome        TEXT,                              -- 'decide' and the events that decide an outcome
  detail         TEXT NOT NULL DEFAULT '',
  actor          TEXT NOT NULL DEFAULT '',          -- who recorded it: a login, 'import', 'system'
  created_at     TEXT NOT NULL,
  UNIQUE (application_id, seq)
) STRICT;
CREATE TRIGGER application_events_no_update BEFORE UPDATE ON application_events
BEGIN SELECT RAISE(ABORT, 'application_events is append-only'); END;
CREATE TRIGGER application_events_no_delete BEFORE DELETE ON application_events
BEGIN SELECT RAISE(ABORT, 'application_events is append-only'); END;

-- 行政复议 / 行政诉讼 about disclosure decisions (annual report table 四), counted by filed_date.
CREATE TABLE reviews (
  id             INTEGER PRIMARY KEY,
  body_id        INTEGER NOT NULL REFERENCES bodies(id),
  kind           TEXT NOT NULL CHECK (kind IN ('reconsideration', 'litigation_direct', 'litigation_after_review')),
  filed_date     TEXT NOT NULL,
  result         TEXT NOT NULL CHECK (result IN ('upheld', 'corrected', 'other', 'pending')),
  closed_date    TEXT,
  application_id INTEGER REFERENCES applications(id),
  created_at     TEXT NOT NULL,
  CHECK ((result = 'pending') = (closed_date IS NULL)),
  CHECK (closed_date IS NULL OR closed_date >= filed_date)
) STRICT;
CREATE INDEX reviews_body_filed ON reviews(body_id, filed_date);
