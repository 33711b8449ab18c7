using System.Text.Json;
using Microsoft.Extensions.AI;

namespace DurableAgents.Models;

/// <summary>What the offline planner knows about one tool: its words, its parameters and whether it looks side-effecting.</summary>
internal sealed class ToolProfile
{
    private static readonly string[] SideEffectVerbs =
        ["write", "writer", "save", "store", "append", "create", "delete", "remove", "send", "post", "update", "upload", "publish", "put", "set", "insert", "deploy", "email"];

    // "writer" too: a sub-agent named report-writer writes, so it acts after the gathering, with what was gathered.
    private static readonly string[] WriterVerbs = ["write", "writer", "save", "store", "append", "create", "put"];

    private static readonly string[] ReadOnlyVerbs =
        ["get", "read", "search", "list", "fetch", "find", "lookup", "look", "query", "calc", "calculate", "calculator", "compute", "show", "describe", "count", "weather", "time"];

    // Words too common in tool names and descriptions to say anything about a goal.
    private static readonly HashSet<string> GenericWords = new(StringComparer.Ordinal)
    {
        "file", "files", "data", "text", "content", "contents", "information", "info", "input", "output", "item", "items",
        "name", "names", "given", "specified", "provided", "returns", "number", "numbers", "string", "strings",
    };

    private ToolProfile(AIFunctionDeclaration declaration)
    {
        Declaration = declaration;
        Name = declaration.Name;
        var allNameWords = GoalText.IdentifierWords(declaration.Name);
        NameWords = GoalText.Keywords(string.Join(' ', allNameWords));
        Keywords = [.. NameWords.Concat(GoalText.Keywords(declaration.Description ?? string.Empty)).Distinct().Where(w => !GenericWords.Contains(w))];
        IsSideEffecting = allNameWords.Any(w => SideEffectVerbs.Contains(w));
        IsWriter = allNameWords.Any(w => WriterVerbs.Contains(w));
        LooksReadOnly = !IsSideEffecting && allNameWords.Any(w => ReadOnlyVerbs.Contains(w));
        IsEscalation = allNameWords.Contains("escalate") || (allNameWords.Contains("ask") && allNameWords.Contains("human"));
        (Properties, Required) = ReadSchema(declaration.JsonSchema);
    }

    public AIFunctionDeclaration Declaration { get; }

    public string Name { get; }

    /// <summary>Content words of the tool's name.</summary>
    public List<string> NameWords { get; }

    /// <summary>Content words of the tool's name and description.</summary>
    public List<string> Keywords { get; }

    /// <summary>The name has a verb like write, delete or send: run it only after the gathering tools.</summary>
    public bool IsSideEffecting { get; }

    /// <summary>The name has a verb like write or save: the tool that stores a report.</summary>
    public bool IsWriter { get; }

    /// <summary>The name has a verb like get, search or calculate and none that changes anything.</summary>
    public bool LooksReadOnly { get; }

    /// <summary>The name says it hands the run to a human (escalate_to_human, ask_human): called only after a failure.</summary>
    public bool IsEscalation { get; }

    /// <summary>The schema's properties, in declaration order.</summary>
    public List<(string Name, JsonElement Schema)> Properties { get; }

    /// <summary>The names of required properties.</summary>
    public HashSet<string> Required { get; }

    public static List<ToolProfile> From(ChatOptions? options) =>
        (options?.Tools ?? []).OfType<AIFunctionDeclaration>().Select(t => new ToolProfile(t)).ToList();

    /// <summary>True when one of the property names is in <paramref name="names"/>.</summary>
    public bool HasProperty(params string[] names) =>
        Properties.Any(p => names.Contains(p.Name, StringComparer.OrdinalIgnoreCase));

    private static (List<(string, JsonElement)>, HashSet<string>) ReadSchema(JsonElement schema)
    {
        var properties = new List<(string, JsonElement)>();
        var required = new HashSet<string>(StringComparer.Ordinal);
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return (properties, required);
        }

        if (schema.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in props.EnumerateObject())
            {
                properties.Add((property.Name, property.Value));
            }
        }

        if (schema.TryGetProperty("required", out var req) && req.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in req.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    required.Add(item.GetString()!);
                }
            }
        }

        return (properties, required);
    }
}
