namespace DurableAgents.DurableTask.Sqlite;

/// <summary>The database file cannot be used: held by another process, not a task hub of ours, newer, or corrupt.</summary>
public sealed class SqliteTaskHubFileException : IOException
{
    /// <summary>Creates the exception for <paramref name="databasePath"/> with a message that says what to do.</summary>
    public SqliteTaskHubFileException(string databasePath, string message, Exception? inner = null)
        : base(message, inner)
    {
        DatabasePath = databasePath;
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }
}
