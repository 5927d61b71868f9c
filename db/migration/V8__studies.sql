-- Tuning studies (jobs of kind tune). The study and its trials live here, not in the batch
-- repository: a restarted or re-started execution reads them to know which trial numbers are
-- taken and what the sampler has seen, so no finished trial is ever run again.
CREATE TABLE study (
    job_id        VARCHAR(32)   NOT NULL PRIMARY KEY,
    name          VARCHAR(200)  NOT NULL,
    metric        VARCHAR(64)   NOT NULL,
    direction     VARCHAR(16)   NOT NULL,
    sampler       VARCHAR(16)   NOT NULL,
    pruner        VARCHAR(16)   NOT NULL,
    seed          BIGINT        NOT NULL,
    planned       INTEGER       NOT NULL,
    concurrency   INTEGER       NOT NULL,
    search_space  TEXT          NOT NULL,
    state         VARCHAR(16)   NOT NULL,
    best_trial    INTEGER,
    study_run_id  VARCHAR(72),
    final_run_id  VARCHAR(72),
    created_at    BIGINT        NOT NULL,
    updated_at    BIGINT        NOT NULL
);

-- One row per trial number, inserted (RUNNING) before the trial trains: the unique key is what
-- keeps two partitions from ever taking the same number.
CREATE TABLE study_trial (
    id                   VARCHAR(48)       NOT NULL PRIMARY KEY,
    job_id               VARCHAR(32)       NOT NULL REFERENCES study (job_id),
    trial_number         INTEGER           NOT NULL,
    state                VARCHAR(16)       NOT NULL,
    params               TEXT              NOT NULL,
    trial_value          DOUBLE PRECISION,
    intermediate_values  TEXT              NOT NULL,
    system_attributes    TEXT              NOT NULL,
    started_at           BIGINT,
    finished_at          BIGINT,
    failure              TEXT,
    run_id               VARCHAR(72),
    CONSTRAINT study_trial_number UNIQUE (job_id, trial_number)
);
