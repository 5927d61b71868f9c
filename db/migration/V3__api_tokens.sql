-- API tokens for pipelines and generated clients. Only a digest of the token is kept: a token
-- is 256 random bits, so a fast hash is enough (unlike passwords).
CREATE TABLE api_token (
    id          VARCHAR(32)  NOT NULL PRIMARY KEY,
    username    VARCHAR(64)  NOT NULL REFERENCES app_user (username),
    name        VARCHAR(100) NOT NULL,
    token_hash  VARCHAR(72)  NOT NULL UNIQUE,
    created_at  BIGINT       NOT NULL,
    expires_at  BIGINT       NOT NULL,
    revoked_at  BIGINT
);
CREATE INDEX api_token_by_user ON api_token (username);
