-- Registered models, their versions and stages, promotion policies and requests.

CREATE TABLE registered_model (
    name        VARCHAR(100)  NOT NULL PRIMARY KEY,
    description VARCHAR(2000) NOT NULL,
    owner       VARCHAR(64)   NOT NULL,
    created_at  BIGINT        NOT NULL
);

CREATE TABLE model_version (
    model_name      VARCHAR(100)  NOT NULL REFERENCES registered_model (name),
    version         INTEGER       NOT NULL,
    run_id          VARCHAR(72)   NOT NULL REFERENCES run (id),
    file_path       VARCHAR(1024) NOT NULL,
    stage           VARCHAR(16)   NOT NULL,
    -- The model's name while this version is in production, else NULL: the unique constraint
    -- makes "one production version per model" hold even for concurrent approvals.
    production_slot VARCHAR(100)  UNIQUE,
    created_by      VARCHAR(64)   NOT NULL,
    created_at      BIGINT        NOT NULL,
    PRIMARY KEY (model_name, version)
);
CREATE INDEX model_version_by_run ON model_version (run_id);

-- Stage history: appended, never updated.
CREATE TABLE stage_transition (
    id          VARCHAR(32)  NOT NULL PRIMARY KEY,
    model_name  VARCHAR(100) NOT NULL,
    version     INTEGER      NOT NULL,
    from_stage  VARCHAR(16),
    to_stage    VARCHAR(16)  NOT NULL,
    actor       VARCHAR(64)  NOT NULL,
    occurred_at BIGINT       NOT NULL,
    reason      VARCHAR(2000) NOT NULL,
    request_id  VARCHAR(32),
    FOREIGN KEY (model_name, version) REFERENCES model_version (model_name, version)
);
CREATE INDEX stage_transition_by_version ON stage_transition (model_name, version, occurred_at);

CREATE TABLE promotion_policy (
    model_name   VARCHAR(100)  NOT NULL REFERENCES registered_model (name),
    target_stage VARCHAR(16)   NOT NULL,
    gates        VARCHAR(8000) NOT NULL,
    updated_by   VARCHAR(64)   NOT NULL,
    updated_at   BIGINT        NOT NULL,
    PRIMARY KEY (model_name, target_stage)
);

CREATE TABLE promotion_request (
    id              VARCHAR(32)    NOT NULL PRIMARY KEY,
    model_name      VARCHAR(100)   NOT NULL,
    version         INTEGER        NOT NULL,
    target_stage    VARCHAR(16)    NOT NULL,
    requested_by    VARCHAR(64)    NOT NULL,
    reason          VARCHAR(2000)  NOT NULL,
    status          VARCHAR(16)    NOT NULL,
    evidence        VARCHAR(16000) NOT NULL,
    created_at      BIGINT         NOT NULL,
    decided_by      VARCHAR(64),
    decided_at      BIGINT,
    decision_reason VARCHAR(2000),
    FOREIGN KEY (model_name, version) REFERENCES model_version (model_name, version)
);
CREATE INDEX promotion_request_by_status ON promotion_request (status, created_at);
CREATE INDEX promotion_request_by_version ON promotion_request (model_name, version);
