-- 005: policy interpretations (政策解读) linked both ways to the document they explain, with their forms, and the
-- site version that rendered-page caches compare against.

-- One row per interpretation item: the document it explains and its forms, a comma-wrapped list of codes
-- (",text,video,") from domain/vocabulary (图文 text, 音频 audio, 视频 video, 图解 graphic, 媒体解读 media).
CREATE TABLE interpretation_links (
  interpretation_id BIGINT PRIMARY KEY REFERENCES items(id),
  document_id       BIGINT NOT NULL REFERENCES items(id),
  forms             TEXT NOT NULL DEFAULT '',
  CHECK (interpretation_id <> document_id)
);
CREATE INDEX interpretation_links_document ON interpretation_links(document_id);

-- A counter raised by every transaction that changes what the public site shows (items, channels, validity,
-- links, bodies, columns). Page caches of every node compare it before serving a cached page. Its one row
-- (id 1) is created by the first raise, so a fresh database is empty (as `migrate --to` requires).
CREATE TABLE site_version (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL
);
