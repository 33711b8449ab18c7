-- Schema 1.0.0 of the DurableAgents SQLite task hub. Applied once, in one transaction, by SqliteDbManager.
-- Times are UTC ticks (INTEGER). History events and messages are stored as compact JSON (see EventCodec).

-- Who owns this file: the manager refuses a file without this row, so another app's database is never touched.
CREATE TABLE durabletask_provider (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per applied script, in order; the highest version is the file's schema version.
CREATE TABLE durabletask_schema_versions (
    version      TEXT PRIMARY KEY,
    applied_utc  TEXT NOT NULL
);

-- The latest execution of each instance (ContinueAsNew overwrites it; older executions keep no rows).
CREATE TABLE instances (
    instance_id          TEXT PRIMARY KEY,
    execution_id         TEXT NOT NULL,
    name                 TEXT NOT NULL,
    version              TEXT,
    status               INTEGER NOT NULL,
    created_ticks        INTEGER NOT NULL,
    last_updated_ticks   INTEGER NOT NULL,
    completed_ticks      INTEGER,
    scheduled_start_ticks INTEGER,
    input                TEXT,
    output               TEXT,
    custom_status        TEXT,
    failure_details      TEXT,
    tags                 TEXT,
    parent               TEXT,
    generation           INTEGER
);
CREATE INDEX ix_instances_created ON instances (created_ticks, instance_id);

-- History of the current execution of each instance, in order.
CREATE TABLE history (
    id            INTEGER PRIMARY KEY,
    instance_id   TEXT NOT NULL,
    execution_id  TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    event_type    INTEGER NOT NULL,
    data          TEXT NOT NULL
);
CREATE UNIQUE INDEX ix_history_instance ON history (instance_id, execution_id, seq);

-- Messages to orchestration instances (events, results, timers); a timer is invisible until visible_ticks.
CREATE TABLE messages (
    id             INTEGER PRIMARY KEY,
    instance_id    TEXT NOT NULL,
    execution_id   TEXT,
    event_type     INTEGER NOT NULL,
    visible_ticks  INTEGER,
    data           TEXT NOT NULL,
    context        TEXT
);
CREATE INDEX ix_messages_instance ON messages (instance_id);

-- Activity work items (TaskScheduled messages) not yet completed.
CREATE TABLE activities (
    id             INTEGER PRIMARY KEY,
    instance_id    TEXT NOT NULL,
    execution_id   TEXT,
    data           TEXT NOT NULL,
    context        TEXT
);
CREATE INDEX ix_activities_instance ON activities (instance_id);
