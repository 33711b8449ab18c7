using Microsoft.Data.Sqlite;

namespace DurableAgents.DurableTask.Sqlite.Tests.Support;

/// <summary>Direct SQL on a task hub file, to inspect what the provider stored or to damage it on purpose.</summary>
public static class SqliteFile
{
    public static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Every row of <paramref name="sql"/>, its columns as objects.</summary>
    public static List<object[]> Query(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }
}
