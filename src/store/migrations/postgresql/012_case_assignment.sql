-- 012 case assignment and application attachments (issue #6): the handler (a user holding case.handle on the
-- case's body) and the unit (承办单位: the case's body or a body below it) a case is assigned to, and the
-- supporting documents an applicant sends with the online form (条例 Art. 29), seen by staff only.
-- Described in docs/architecture.md. Every assignment is also an application_events row ('assign') and audited.

ALTER TABLE applications ADD COLUMN handler_user_id BIGINT REFERENCES users(id);
ALTER TABLE applications ADD COLUMN unit_body_id BIGINT REFERENCES bodies(id);
CREATE INDEX applications_handler ON applications(handler_user_id) WHERE handler_user_id IS NOT NULL;

-- The files of an application in the order sent; the bytes are the content store's (blobs, attachments/ab/abcd…).
CREATE TABLE application_attachments (
  application_id BIGINT NOT NULL REFERENCES applications(id),
  position       INTEGER NOT NULL CHECK (position >= 0),
  file_name      TEXT NOT NULL,
  sha256         TEXT NOT NULL REFERENCES blobs(sha256),
  created_at     TEXT NOT NULL,
  PRIMARY KEY (application_id, position)
);
