-- The inbox: every webhook the receiver accepted, as it arrived.
-- An `exact` or `probable` IdempotencyKey is unique (a second delivery adds
-- nothing: INSERT ... ON CONFLICT (key) DO NOTHING); a webhook whose key
-- strength is `none` has no key (NULL never conflicts), only its `id`.
CREATE TABLE IF NOT EXISTS inbox (
    id             INTEGER PRIMARY KEY,  -- surrogate id: every row has one
    key            TEXT UNIQUE,          -- IdempotencyKey; NULL when its strength is none
    strength       TEXT NOT NULL CHECK (strength IN ('exact', 'probable', 'none')),
    command        TEXT NOT NULL,        -- CallbackCommand, from the query
    query          TEXT NOT NULL,        -- the query string without Sign and RequestTime
    body           BLOB NOT NULL,        -- the body, byte for byte
    received_at_ms INTEGER NOT NULL,     -- Unix milliseconds at which the request arrived
    CHECK ((key IS NULL) = (strength = 'none'))
);
