-- 010 case letters: the notices and reply letters (告知书) of disclosure-on-application cases, every saved version
-- kept. A version is never changed: editing saves a new draft version, sending saves the sent text as a new
-- version with sent = 1 (so what reached the applicant stays exactly as sent). Described in docs/architecture.md.
CREATE TABLE case_letters (
  id             INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES applications(id),
  kind           TEXT NOT NULL,                     -- domain/letters kind code: receipt, correction, extension, …, reply
  version        INTEGER NOT NULL CHECK (version >= 1),
  title          TEXT NOT NULL,
  body           TEXT NOT NULL,                     -- plain text, paragraphs separated by blank lines
  sent           INTEGER NOT NULL DEFAULT 0 CHECK (sent IN (0, 1)),
  sent_on        TEXT,                              -- the date the sent version was issued (China time)
  author         TEXT NOT NULL,                     -- the login that saved it
  created_at     TEXT NOT NULL,
  UNIQUE (application_id, kind, version),
  CHECK ((sent = 1) = (sent_on IS NOT NULL))
) STRICT;
CREATE TRIGGER case_letters_no_update BEFORE UPDATE ON case_letters
BEGIN SELECT RAISE(ABORT, 'case_letters is append-only'); END;
CREATE TRIGGER case_letters_no_delete BEFORE DELETE ON case_letters
BEGIN SELECT RAISE(ABORT, 'case_letters is append-only'); END;
