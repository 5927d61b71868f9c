-- Runvault registry schema, version 1. One script for H2 (MODE=LEGACY) and PostgreSQL:
-- only portable types; times are epoch milliseconds (BIGINT) so ordering never depends on
-- a driver's time zone handling.

CREATE TABLE app_user (
    username      VARCHAR(64)  NOT NULL PRIMARY KEY,
    password_hash VARCHAR(512) NOT NULL,
    roles         VARCHAR(256) NOT NULL,
    enabled       BOOLEAN      NOT NULL,
    created_at    BIGINT       NOT NULL
);

-- One row per committed run. The content itself is the manifest blob whose digest is the id.
CREATE TABLE run (
    id            VARCHAR(72)     NOT NULL PRIMARY KEY,
    name          VARCHAR(128) NOT NULL,
    experiment    VARCHAR(200) NOT NULL,
    created_at    BIGINT       NOT NULL,
    committed_at  BIGINT       NOT NULL,
    committed_by  VARCHAR(64)  NOT NULL,
    manifest_size BIGINT       NOT NULL,
    file_count    INTEGER      NOT NULL,
    total_bytes   BIGINT       NOT NULL
);
CREATE INDEX run_by_time ON run (created_at, id);
CREATE INDEX run_by_experiment ON run (experiment, created_at, id);
CREATE INDEX run_by_name ON run (name);

CREATE TABLE run_tag (
    run_id    VARCHAR(72)      NOT NULL REFERENCES run (id),
    tag_key   VARCHAR(256)  NOT NULL,
    tag_value VARCHAR(1024) NOT NULL,
    PRIMARY KEY (run_id, tag_key)
);
CREATE INDEX run_tag_lookup ON run_tag (tag_key, tag_value, run_id);

CREATE TABLE run_param (
    run_id      VARCHAR(72)      NOT NULL REFERENCES run (id),
    param_key   VARCHAR(256)  NOT NULL,
    param_value VARCHAR(1024) NOT NULL,
    PRIMARY KEY (run_id, param_key)
);
CREATE INDEX run_param_lookup ON run_param (param_key, param_value, run_id);

CREATE TABLE run_metric (
    run_id       VARCHAR(72)         NOT NULL REFERENCES run (id),
    metric_key   VARCHAR(256)     NOT NULL,
    metric_value DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (run_id, metric_key)
);
CREATE INDEX run_metric_lookup ON run_metric (metric_key, metric_value, run_id);

CREATE TABLE run_file (
    run_id     VARCHAR(72)      NOT NULL REFERENCES run (id),
    path       VARCHAR(1024) NOT NULL,
    digest     VARCHAR(72)      NOT NULL,
    size_bytes BIGINT        NOT NULL,
    media_type VARCHAR(255)  NOT NULL,
    PRIMARY KEY (run_id, path)
);
CREATE INDEX run_file_by_digest ON run_file (digest);

CREATE TABLE run_parent (
    run_id    VARCHAR(72) NOT NULL REFERENCES run (id),
    position  INTEGER  NOT NULL,
    parent_id VARCHAR(72) NOT NULL REFERENCES run (id),
    PRIMARY KEY (run_id, position)
);
CREATE INDEX run_parent_by_parent ON run_parent (parent_id);
