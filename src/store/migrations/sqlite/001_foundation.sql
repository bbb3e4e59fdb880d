-- 001 foundation: bodies, columns, information items with their metadata, channels, attachments, validity history,
-- the holiday calendar, clean-up campaigns, and the search outbox. Described in docs/schema.md.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- 机构: a tree (county government -> office, departments, townships).
CREATE TABLE bodies (
  id            INTEGER PRIMARY KEY,
  code          TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  type          TEXT NOT NULL CHECK (type IN ('government', 'office', 'department', 'township')),
  parent_id     INTEGER REFERENCES bodies(id),
  index_prefix  TEXT NOT NULL,                       -- body-code part of 索引号
  index_pattern TEXT NOT NULL DEFAULT '{prefix}/{year}-{serial:5}',
  address       TEXT,
  phone         TEXT,
  postcode      TEXT,
  sort_order    INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX bodies_parent ON bodies(parent_id);

-- Serials of 索引号: unique per body and year, never reused (the high-water mark only grows).
CREATE TABLE index_serials (
  body_id     INTEGER NOT NULL REFERENCES bodies(id),
  year        INTEGER NOT NULL,
  last_serial INTEGER NOT NULL CHECK (last_serial >= 0),
  PRIMARY KEY (body_id, year)
) STRICT;

-- 栏目: each body's columns, a tree addressed by path ("政府信息公开/法定主动公开内容/政策文件").
CREATE TABLE columns (
  id                   INTEGER PRIMARY KEY,
  body_id              INTEGER NOT NULL REFERENCES bodies(id),
  parent_id            INTEGER REFERENCES columns(id),
  name                 TEXT NOT NULL,
  path                 TEXT NOT NULL,
  type                 TEXT NOT NULL,   -- domain/column.h: news, notice, policy, static, disclosure, annual_report ...
  update_interval_days INTEGER,         -- expected update interval; NULL for static pages
  sort_order           INTEGER NOT NULL DEFAULT 0,
  UNIQUE (body_id, path)
) STRICT;

-- 政府信息: one row per item. Dates are calendar dates in China time, 'YYYY-MM-DD'; timestamps are UTC ISO-8601.
CREATE TABLE items (
  id                  INTEGER PRIMARY KEY,
  body_id             INTEGER NOT NULL REFERENCES bodies(id),
  column_id           INTEGER REFERENCES columns(id),
  index_number        TEXT NOT NULL UNIQUE,       -- 索引号
  title               TEXT NOT NULL,
  content             TEXT NOT NULL DEFAULT '',
  doc_number          TEXT,                        -- 文号
  written_date        TEXT,                        -- 成文日期
  publish_date        TEXT NOT NULL,               -- 发布日期
  subject             TEXT,                        -- 主题分类
  kind                TEXT NOT NULL,
  validity            TEXT CHECK (validity IN ('有效', '修订后有效', '失效', '废止')),
  validity_changed_on TEXT,
  superseded_by       INTEGER REFERENCES items(id),
  key_area            INTEGER NOT NULL DEFAULT 0 CHECK (key_area IN (0, 1)),
  emergency           INTEGER NOT NULL DEFAULT 0 CHECK (emergency IN (0, 1)),
  source_url          TEXT,
  status              TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('draft', 'published', 'withdrawn')),
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
) STRICT;
CREATE INDEX items_body_date ON items(body_id, publish_date);
CREATE INDEX items_date ON items(publish_date);
CREATE INDEX items_column_date ON items(column_id, publish_date);
CREATE INDEX items_doc_number ON items(doc_number) WHERE doc_number IS NOT NULL;

-- Where an item was published: portal, disclosure site, Weibo, WeChat (the channel counts of the annual report).
CREATE TABLE item_channels (
  item_id      INTEGER NOT NULL REFERENCES items(id),
  channel      TEXT NOT NULL CHECK (channel IN ('portal', 'disclosure_site', 'weibo', 'wechat')),
  url          TEXT,
  published_on TEXT,
  PRIMARY KEY (item_id, channel)
) STRICT;
CREATE INDEX item_channels_channel ON item_channels(channel, item_id);

-- Attachment files live on disk under <data-dir>/attachments/<sha256[0:2]>/<sha256>; rows describe them.
CREATE TABLE blobs (
  sha256     TEXT PRIMARY KEY,
  size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
  mime_type  TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE item_attachments (
  item_id    INTEGER NOT NULL REFERENCES items(id),
  position   INTEGER NOT NULL,
  file_name  TEXT NOT NULL,
  sha256     TEXT NOT NULL REFERENCES blobs(sha256),
  PRIMARY KEY (item_id, position)
) STRICT;

-- History of 有效性 changes; items.validity holds the current state.
CREATE TABLE validity_events (
  id            INTEGER PRIMARY KEY,
  item_id       INTEGER NOT NULL REFERENCES items(id),
  from_validity TEXT,
  to_validity   TEXT NOT NULL,
  effective_on  TEXT NOT NULL,
  superseded_by INTEGER REFERENCES items(id),
  reason        TEXT,
  recorded_at   TEXT NOT NULL
) STRICT;
CREATE INDEX validity_events_item ON validity_events(item_id);

-- 规范性文件清理: a campaign selects the documents made before a cut-off date; each gets one decision.
CREATE TABLE cleanup_campaigns (
  id          INTEGER PRIMARY KEY,
  body_id     INTEGER NOT NULL REFERENCES bodies(id),
  name        TEXT NOT NULL,
  cutoff_date TEXT NOT NULL,
  decided_on  TEXT NOT NULL,
  created_at  TEXT NOT NULL
) STRICT;
CREATE TABLE cleanup_decisions (
  campaign_id INTEGER NOT NULL REFERENCES cleanup_campaigns(id),
  item_id     INTEGER NOT NULL REFERENCES items(id),
  decision    TEXT NOT NULL CHECK (decision IN ('valid', 'amended', 'repealed')),
  note        TEXT,
  PRIMARY KEY (campaign_id, item_id)
) STRICT;

-- The official holiday calendar: only exceptions are stored (holidays on weekdays, make-up working weekends).
CREATE TABLE calendar_days (
  day  TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name TEXT NOT NULL
) STRICT;
CREATE TABLE calendar_years (
  year      INTEGER PRIMARY KEY,
  loaded_at TEXT NOT NULL
) STRICT;

-- Changes that the search index must follow, written in the same transaction as the change (DESIGN.md, Data).
CREATE TABLE search_outbox (
  id         INTEGER PRIMARY KEY,
  item_id    INTEGER NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
