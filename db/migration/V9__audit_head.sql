-- Runvault audit log, version 9: the chain head in a row of its own. An appender updates this row
-- first, inside the transaction of the change it records, so concurrent appenders queue on its row
-- lock (on H2 and PostgreSQL alike) and the event commits, or not, together with the change.
-- Verify compares it with the newest event, so events cut from the end of the chain are found too.

CREATE TABLE audit_head (
    id        INTEGER     NOT NULL PRIMARY KEY,
    last_seq  BIGINT      NOT NULL,
    last_hash VARCHAR(72) NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash)
VALUES (1, 0, 'blake2b:0000000000000000000000000000000000000000000000000000000000000000');
-- An existing log: the head is its newest event.
UPDATE audit_head
SET last_seq = (SELECT MAX(seq) FROM audit_event),
    last_hash = (SELECT hash FROM audit_event WHERE seq = (SELECT MAX(seq) FROM audit_event))
WHERE EXISTS (SELECT 1 FROM audit_event);
