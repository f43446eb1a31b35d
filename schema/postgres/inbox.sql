-- The inbox (see schema/sqlite/inbox.sql): the same columns.
CREATE TABLE IF NOT EXISTS inbox (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key            TEXT UNIQUE,
    strength       TEXT NOT NULL CHECK (strength IN ('exact', 'probable', 'none')),
    command        TEXT NOT NULL,
    query          TEXT NOT NULL,
    body           BYTEA NOT NULL,
    received_at_ms BIGINT NOT NULL,
    CHECK ((key IS NULL) = (strength = 'none'))
);
