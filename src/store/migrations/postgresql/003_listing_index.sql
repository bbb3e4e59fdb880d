-- 003: column listings count and page published items of a column without visiting other statuses' rows.
CREATE INDEX items_column_status_date ON items(column_id, status, publish_date, id);
