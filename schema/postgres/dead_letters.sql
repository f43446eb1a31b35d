-- The dead letters (see schema/sqlite/dead_letters.sql): the same columns.
CREATE TABLE IF NOT EXISTS dead_letters (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reason         TEXT NOT NULL,
    error_code     BIGINT,
    detail         TEXT NOT NULL,
    command        TEXT NOT NULL,
    query          TEXT NOT NULL,
    body           BYTEA NOT NULL,
    truncated      BOOLEAN NOT NULL,
    key            TEXT,
    strength       TEXT NOT NULL CHECK (strength IN ('exact', 'probable', 'none')),
    received_at_ms BIGINT NOT NULL,
    CHECK ((key IS NULL) = (strength = 'none'))
);
CREATE INDEX IF NOT EXISTS dead_letters_by_key ON dead_letters (key);
