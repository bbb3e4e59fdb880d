-- 006 publishing workflow: the workflow state of items drafted in the staff workspace, every saved revision, and
-- the workflow events (who moved an item from which state to which, when, why). Described in
-- docs/architecture.md. Items made outside the workflow (imports, the demo) have no item_workflow row: their
-- state is items.status. items.status stays the public visibility (draft = not on the site).

CREATE TABLE item_workflow (
  item_id       INTEGER PRIMARY KEY REFERENCES items(id),
  state         TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'approved', 'scheduled', 'published',
                                               'withdrawn', 'unpublished')),
  author_id     INTEGER REFERENCES users(id),    -- who drafted it (may not approve it)
  revision      INTEGER NOT NULL CHECK (revision >= 1),  -- the latest revision number
  updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX item_workflow_state ON item_workflow(state);
CREATE INDEX item_workflow_author ON item_workflow(author_id, state);

-- Every save of an item's content and metadata, as a JSON snapshot (services/publishing.h names its members).
CREATE TABLE item_revisions (
  item_id    INTEGER NOT NULL REFERENCES items(id),
  revision   INTEGER NOT NULL CHECK (revision >= 1),
  author_id  INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  snapshot   TEXT NOT NULL,
  PRIMARY KEY (item_id, revision)
) STRICT;

CREATE TABLE workflow_events (
  id          INTEGER PRIMARY KEY,
  item_id     INTEGER NOT NULL REFERENCES items(id),
  at          TEXT NOT NULL,
  actor_id    INTEGER REFERENCES users(id),    -- NULL for the system (release of scheduled items)
  actor_label TEXT NOT NULL,
  action      TEXT NOT NULL,                   -- create, submit, approve, return, publish, ...
  from_state  TEXT,                            -- NULL for create
  to_state    TEXT NOT NULL,
  comment     TEXT
) STRICT;
CREATE INDEX workflow_events_item ON workflow_events(item_id, id);
