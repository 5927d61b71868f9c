-- Jobs submitted through the API. Jakarta Batch keeps its own repository (BATCH_* tables) in the
-- same database; this table is what users ask about: the spec, live progress, the resume point
-- (the last epoch's checkpoint blob) and the run a job produced or why it failed.
CREATE TABLE job (
    id                 VARCHAR(32)   NOT NULL PRIMARY KEY,
    kind               VARCHAR(32)   NOT NULL,
    experiment         VARCHAR(200)  NOT NULL,
    spec               TEXT          NOT NULL,
    submitted_by       VARCHAR(64)   NOT NULL,
    submitted_at       BIGINT        NOT NULL,
    state              VARCHAR(16)   NOT NULL,
    execution_id       BIGINT,
    epoch              INTEGER       NOT NULL,
    total_epochs       INTEGER       NOT NULL,
    step               INTEGER       NOT NULL,
    steps_per_epoch    INTEGER       NOT NULL,
    started_at         BIGINT,
    updated_at         BIGINT        NOT NULL,
    finished_at        BIGINT,
    latest_metrics     TEXT,
    checkpoint_digest  VARCHAR(72),
    checkpoint_epoch   INTEGER       NOT NULL,
    run_id             VARCHAR(72),
    failure            TEXT
);
CREATE INDEX job_by_state ON job (state, submitted_at);
CREATE INDEX job_by_user ON job (submitted_by, submitted_at);
