-- Registered datasets. The files are blobs; the row keeps the canonical manifest (its BLAKE2b-256
-- is the dataset's digest) under a unique name. Rows are never updated or deleted.
CREATE TABLE dataset (
    name        VARCHAR(100)  NOT NULL PRIMARY KEY,
    digest      VARCHAR(72)   NOT NULL,
    format      VARCHAR(16)   NOT NULL,
    manifest    TEXT          NOT NULL,
    created_by  VARCHAR(64)   NOT NULL,
    created_at  BIGINT        NOT NULL
);
CREATE INDEX dataset_by_digest ON dataset (digest);
