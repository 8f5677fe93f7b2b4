-- Which key set this database's encrypted fields, blind indexes and audit chain belong to (a fingerprint, never a
-- key). A process whose key file does not match refuses to start (runtime.ts): with the wrong keys it would write rows
-- nobody can decrypt, miss every duplicate, and report an untouched audit chain as altered.
CREATE TABLE key_fingerprint (
  id integer PRIMARY KEY CHECK (id = 1),
  fingerprint text NOT NULL,
  created_at timestamptz NOT NULL
);
