using System.ComponentModel;
using System.Text.Json;

namespace DurableAgents.Samples;

/// <summary>A small customer-records file for the approval sample: list (read) and delete (destructive) act on it.</summary>
public sealed class RecordsStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private readonly string _path;

    /// <summary>Creates the store over <c>records.json</c> in <paramref name="folder"/>, seeding it when missing.</summary>
    public RecordsStore(string folder)
    {
        Directory.CreateDirectory(folder);
        _path = Path.Combine(folder, "records.json");
        if (!File.Exists(_path))
        {
            Write(
            [
                new("c-1001", "Ada Lovelace", "active"),
                new("c-1002", "Charles Babbage", "inactive"),
                new("c-1003", "Grace Hopper", "active"),
                new("c-1004", "Alan Turing", "inactive"),
            ]);
        }
    }

    /// <summary>One customer record.</summary>
    /// <param name="Id">The record id.</param>
    /// <param name="Name">The customer.</param>
    /// <param name="Status">active or inactive.</param>
    public sealed record CustomerRecord(string Id, string Name, string Status);

    /// <summary>list_records: every record.</summary>
    [Description("Lists the customer records (id, name, status).")]
    public IReadOnlyList<CustomerRecord> ListRecords() => Read();

    /// <summary>delete_records: deletes the records whose status is named in the filter; deleting again is a no-op.</summary>
    [Description("Permanently deletes the customer records whose status (active or inactive) is named in the filter, e.g. 'inactive customer records'.")]
    public async Task<string> DeleteRecords([Description("Which records: a status such as 'inactive'.")] string filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var words = filter.ToLowerInvariant().Split([' ', ',', '.', ';', '-'], StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        await Gate.WaitAsync();
        try
        {
            var records = Read();
            var deleted = records.Where(r => words.Contains(r.Status.ToLowerInvariant())).ToList();
            Write(records.Except(deleted).ToList());
            return deleted.Count == 0
                ? $"No records matched '{filter}'; nothing deleted."
                : $"Deleted {deleted.Count} record(s): {string.Join(", ", deleted.Select(r => r.Id))}.";
        }
        finally
        {
            Gate.Release();
        }
    }

    private List<CustomerRecord> Read() => JsonSerializer.Deserialize<List<CustomerRecord>>(File.ReadAllText(_path), Json) ?? [];

    private void Write(List<CustomerRecord> records)
    {
        // Write-then-rename so a crash never leaves half a file.
        var temp = _path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(records, Json));
        File.Move(temp, _path, overwrite: true);
    }
}
