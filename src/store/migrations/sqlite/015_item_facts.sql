-- 015 item facts: the fields of the decision-making openness kinds beyond the common item columns (a survey's
-- topic, period and responses; an executive meeting's name and date; the number, handling unit and result
-- category of an NPC suggestion or CPPCC proposal; a press conference's date and speakers; an online
-- interview's date and guests). Field codes and types are domain/kind_fields.h; one row per field with a value.
-- Described in docs/architecture.md.
CREATE TABLE item_facts (
  item_id INTEGER NOT NULL REFERENCES items(id),
  field   TEXT NOT NULL CHECK (length(field) BETWEEN 1 AND 40),
  value   TEXT NOT NULL CHECK (length(value) >= 1),
  PRIMARY KEY (item_id, field)
) STRICT;
