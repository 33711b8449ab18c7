namespace DurableAgents.Api.Memory;

/// <summary>The name of a task hub's memory table (beside its DTFx tables and conversation blobs).</summary>
public static class AzureMemoryTables
{
    /// <summary><c>{taskhub}Memories</c>, letters and digits only, as table names must be (3-63 characters, starting with a letter).</summary>
    public static string NameFor(string taskHub)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskHub);
        var name = new string(taskHub.Where(char.IsAsciiLetterOrDigit).ToArray()) + "Memories";
        name = char.IsAsciiLetter(name[0]) ? name : "M" + name;
        return name.Length <= 63 ? name : name[..63];
    }
}
