-- 002 accounts: staff accounts, role grants scoped to bodies, server-side sessions, login throttling, and the
-- tamper-evident audit log. Described in docs/security.md. Timestamps are UTC "YYYY-MM-DDTHH:MM:SSZ".

-- Staff accounts. The password is kept only as a libsodium crypto_pwhash_str string (argon2id, salted).
CREATE TABLE users (
  id                  INTEGER PRIMARY KEY,
  login               TEXT NOT NULL UNIQUE,                  -- normalised: ASCII lower case
  display_name        TEXT NOT NULL,
  body_id             INTEGER NOT NULL REFERENCES bodies(id), -- the unit the person works for
  password_hash       TEXT NOT NULL,
  password_changed_at TEXT NOT NULL,
  disabled_at         TEXT,                                  -- NULL while the account is active
  last_login_at       TEXT,
  created_at          TEXT NOT NULL
) STRICT;
CREATE INDEX users_body ON users(body_id);

-- A role granted on a body covers that body and every body below it (domain/roles.h). Role codes are checked
-- by the service against the role table in code, so a new role needs no migration.
CREATE TABLE role_grants (
  user_id    INTEGER NOT NULL REFERENCES users(id),
  role       TEXT NOT NULL,
  body_id    INTEGER NOT NULL REFERENCES bodies(id),
  granted_at TEXT NOT NULL,
  PRIMARY KEY (user_id, role, body_id)
) STRICT;
CREATE INDEX role_grants_body ON role_grants(body_id);

-- Server-side sessions. The cookie carries a random token; only its SHA-256 is stored, so a copy of this table
-- does not give anyone a live session.
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,                        -- hex SHA-256 of the cookie value
  user_id      INTEGER NOT NULL REFERENCES users(id),
  csrf_secret  TEXT NOT NULL,                           -- hex, 32 random bytes: the key of the CSRF HMAC
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,                           -- idle expiry counts from here (updated once a minute)
  expires_at   TEXT NOT NULL,                           -- absolute expiry
  remote_addr  TEXT,                                    -- informational: a session is not bound to an address
  user_agent   TEXT
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id);

-- Failed sign-in counters per login name and per remote address, shared by every node.
CREATE TABLE login_throttle (
  scope             TEXT NOT NULL CHECK (scope IN ('login', 'address')),
  subject           TEXT NOT NULL,                      -- the normalised login name, or the address
  failures          INTEGER NOT NULL CHECK (failures >= 0),
  window_started_at TEXT NOT NULL,                      -- first failure of the current window
  locked_until      TEXT,
  PRIMARY KEY (scope, subject)
) STRICT;

-- Append-only, hash-chained record of every change made by staff (DESIGN.md, Data). hash is the SHA-256 of the
-- entry's canonical serialisation including prev_hash (docs/security.md); ids run 1, 2, 3 ... without gaps, and
-- prev_hash is unique, so two appenders can never fork the chain.
CREATE TABLE audit_log (
  id            INTEGER PRIMARY KEY,
  at            TEXT NOT NULL,
  actor_user_id INTEGER,                                -- NULL for the system and the command line
  actor_label   TEXT NOT NULL,                          -- login name, or e.g. "cli:root"
  remote_addr   TEXT,
  action        TEXT NOT NULL,                          -- e.g. user.create, login.failure
  entity_type   TEXT NOT NULL,
  entity_id     TEXT,
  body_id       INTEGER,
  before_json   TEXT,
  after_json    TEXT,
  prev_hash     TEXT NOT NULL UNIQUE,
  hash          TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX audit_log_body ON audit_log(body_id, id);
CREATE INDEX audit_log_actor ON audit_log(actor_user_id, id);

-- Guards against accidental changes by the program; a deliberate change by someone who can drop these
-- triggers is what `gongkai audit verify` detects.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
