-- The folds of cross-validation jobs: which fold trained into which child run, or why it failed.
-- A restarted job trains only the folds not completed here.
CREATE TABLE cv_fold (
    job_id      VARCHAR(32)  NOT NULL,
    fold        INTEGER      NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    run_id      VARCHAR(72),
    failure     TEXT,
    updated_at  BIGINT       NOT NULL,
    PRIMARY KEY (job_id, fold)
);
