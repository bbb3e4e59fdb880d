-- 016 findings listing: the supervision desk pages through findings by state in their listed order (red before
-- yellow — 'red' sorts before 'yellow' — then rule, subject, id), filtered in SQL (store/monitoring.cpp,
-- list_findings); this index serves that order without sorting every finding of the state.
CREATE INDEX monitor_findings_listing ON monitor_findings(state, grade, rule_id, subject, id);
