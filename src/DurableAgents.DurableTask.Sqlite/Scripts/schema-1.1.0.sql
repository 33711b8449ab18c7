-- Schema 1.1.0: entries, a key-value table for data that must ride on the task hub's commits (the embedded host keeps
-- its conversation store here, so a step's entries share the commit of the step instead of costing an fsync each).
CREATE TABLE entries (
    key            TEXT PRIMARY KEY,
    value          BLOB NOT NULL,
    updated_ticks  INTEGER NOT NULL
);
