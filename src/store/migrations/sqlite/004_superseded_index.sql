-- 004: an item page lists the documents it amended or repealed (items.superseded_by = its id): index that lookup.
CREATE INDEX items_superseded_by ON items(superseded_by) WHERE superseded_by IS NOT NULL;
