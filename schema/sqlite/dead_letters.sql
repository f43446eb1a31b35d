-- The layer's dead letters: webhooks it authenticated but refused, or
-- answered with a fallback. Every letter is a row, whatever its key (a letter
-- is evidence: the key is not unique here).
-- `reason`: refused (with the rejection's error_code), deadline, failed,
-- panicked, no_decision, or other for a reason newer than the writer.
-- `detail` says it in words (a field path, never the body); `truncated` says
-- that `body` holds only what was read; `received_at_ms` is when the store
-- took the letter from the queue.
CREATE TABLE IF NOT EXISTS dead_letters (
    id             INTEGER PRIMARY KEY,
    reason         TEXT NOT NULL,
    error_code     INTEGER,              -- the rejection's ErrorCode; NULL unless refused
    detail         TEXT NOT NULL,
    command        TEXT NOT NULL,        -- CallbackCommand, from the query (its first value)
    query          TEXT NOT NULL,        -- without Sign and RequestTime
    body           BLOB NOT NULL,        -- the bytes that were read
    truncated      INTEGER NOT NULL CHECK (truncated IN (0, 1)),
    key            TEXT,                 -- IdempotencyKey; NULL when its strength is none
    strength       TEXT NOT NULL CHECK (strength IN ('exact', 'probable', 'none')),
    received_at_ms INTEGER NOT NULL,
    CHECK ((key IS NULL) = (strength = 'none'))
);
CREATE INDEX IF NOT EXISTS dead_letters_by_key ON dead_letters (key);
