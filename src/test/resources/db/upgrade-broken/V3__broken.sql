-- The first statement commits on H2 (DDL); the second fails: the migration is half applied.
CREATE TABLE half_applied (id INTEGER NOT NULL PRIMARY KEY);
ALTER TABLE sample ADD COLUMN note VARCHAR(80);
