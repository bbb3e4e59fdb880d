-- 011 policy library and consultations: the filing (备案) record of normative documents, the documents a clean-up
-- campaign selected, consultations (意见征集) with their comment period, the public's comments with their
-- moderation and the published feedback on each. Described in docs/architecture.md and docs/policy.md.

-- 行政规范性文件备案: where and when a normative document was filed. One record per document.
CREATE TABLE normative_filings (
  item_id       INTEGER PRIMARY KEY REFERENCES items(id),
  filed_with    TEXT NOT NULL CHECK (length(filed_with) BETWEEN 1 AND 200),  -- 备案机关
  filed_on      TEXT NOT NULL,                                               -- YYYY-MM-DD
  filing_number TEXT,                                                        -- 备案号 / 登记号
  recorded_by   INTEGER REFERENCES users(id),
  recorded_at   TEXT NOT NULL
) STRICT;
CREATE INDEX normative_filings_filed_on ON normative_filings(filed_on);

-- The documents a clean-up campaign selected when it was created (normative documents made before its cut-off);
-- the decisions are cleanup_decisions (001). A candidate without a decision is still to be decided.
CREATE TABLE cleanup_candidates (
  campaign_id INTEGER NOT NULL REFERENCES cleanup_campaigns(id),
  item_id     INTEGER NOT NULL REFERENCES items(id),
  PRIMARY KEY (campaign_id, item_id)
) STRICT;
CREATE INDEX cleanup_candidates_item ON cleanup_candidates(item_id);

-- 意见征集: an item of kind consultation with its comment period (China-time dates, both days included). Closed
-- when closed_on is set (by staff, or at the end of the period); the feedback (反馈意见) is public once
-- feedback_published_on is set.
CREATE TABLE consultations (
  item_id               INTEGER PRIMARY KEY REFERENCES items(id),
  opens_on              TEXT NOT NULL,
  closes_on             TEXT NOT NULL CHECK (closes_on >= opens_on),
  closed_on             TEXT,
  feedback_published_on TEXT,
  feedback_summary      TEXT,
  created_at            TEXT NOT NULL
) STRICT;
CREATE INDEX consultations_closes_on ON consultations(closes_on);

-- The public's comments. status: pending (awaiting moderation), accepted (a genuine comment, answered in the
-- feedback), rejected (spam, abuse, off-topic: never shown). response: 采纳 adopted / 部分采纳 partly_adopted /
-- 未采纳 not_adopted, with its reason. The contact is for staff only and never shown on the site.
CREATE TABLE consultation_comments (
  id              INTEGER PRIMARY KEY,
  item_id         INTEGER NOT NULL REFERENCES consultations(item_id),
  submitted_at    TEXT NOT NULL,
  author_name     TEXT,
  contact         TEXT NOT NULL,
  comment         TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
  moderated_by    INTEGER REFERENCES users(id),
  moderated_at    TEXT,
  response        TEXT CHECK (response IN ('adopted', 'partly_adopted', 'not_adopted')),
  response_reason TEXT
) STRICT;
CREATE INDEX consultation_comments_item ON consultation_comments(item_id, status, id);
