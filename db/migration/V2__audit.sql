-- Runvault audit log, version 2. Portable between H2 (MODE=LEGACY) and PostgreSQL like V1.
-- Append-only: rows are inserted, never updated or deleted. The appender assigns seq 1, 2, 3, ...;
-- the primary key makes two concurrent appenders that picked the same seq collide, so one retries
-- on the new head instead of forking the hash chain.

CREATE TABLE audit_event (
    seq         BIGINT        NOT NULL PRIMARY KEY,
    occurred_at BIGINT        NOT NULL,
    actor       VARCHAR(64)   NOT NULL,
    action      VARCHAR(64)   NOT NULL,
    target      VARCHAR(300)  NOT NULL,
    details     VARCHAR(8000) NOT NULL,
    prev_hash   VARCHAR(72)   NOT NULL,
    hash        VARCHAR(72)   NOT NULL
);
-- Each filter's index ends in seq: results come back in seq order and pages continue after a seq.
CREATE INDEX audit_by_target ON audit_event (target, seq);
CREATE INDEX audit_by_actor ON audit_event (actor, seq);
CREATE INDEX audit_by_action ON audit_event (action, seq);
CREATE INDEX audit_by_time ON audit_event (occurred_at, seq);
