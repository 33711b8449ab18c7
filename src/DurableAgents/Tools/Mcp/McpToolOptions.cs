using System.Text.Json;
using DurableAgents.Agents;

namespace DurableAgents.Tools.Mcp;

/// <summary>One tool of an MCP server that an agent may call, and its policy; unset values come from the server's options.</summary>
public sealed class McpToolOptions
{
    /// <summary>Creates empty options (for configuration binding).</summary>
    public McpToolOptions()
    {
    }

    /// <summary>Creates options for the tool with this name.</summary>
    public McpToolOptions(string name) => Name = name;

    /// <summary>The tool's name on the server, which is also the name the model calls it by.</summary>
    public string Name { get; set; } = "";

    /// <summary>What the tool may do; the server's <see cref="McpServerOptions.Permission"/> when null.</summary>
    public ToolPermission? Permission { get; set; }

    /// <summary>True when every call needs approval; the server's <see cref="McpServerOptions.RequiresApproval"/> when null.</summary>
    public bool? RequiresApproval { get; set; }

    /// <summary>The run's durable timeout for one call; the agent policy's default when null.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>The longest result (characters) kept; the agent policy's default when null.</summary>
    public int? MaxResultChars { get; set; }

    /// <summary>True when calling it twice with the same arguments does what calling it once does (failed calls are then retried).</summary>
    public bool IsIdempotent { get; set; }

    /// <summary>The description the model sees; the server's when null.</summary>
    public string? Description { get; set; }

    /// <summary>
    /// The JSON schema of the arguments, pinned: the run then checks calls against it and the model sees it; when null the model
    /// sees the schema the server lists and the server checks the arguments.
    /// </summary>
    public string? InputSchema { get; set; }

    internal JsonElement? ParsedInputSchema { get; private set; }

    internal void Validate(string server)
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 64 || !Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"MCP server '{server}' lists a tool named '{Name}': use 1 to 64 letters, digits, '-' or '_' (the names models accept).");
        }

        if (MaxResultChars is <= 0 || Timeout is { } t && t <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Tool '{Name}' of MCP server '{server}' needs a positive Timeout and MaxResultChars when they are set.");
        }

        if (InputSchema is not null)
        {
            try
            {
                using var document = JsonDocument.Parse(InputSchema);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new JsonException("the schema must be a JSON object");
                }

                ParsedInputSchema = document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new ArgumentException($"Tool '{Name}' of MCP server '{server}' has an InputSchema that is not a JSON object schema: {ex.Message}");
            }
        }
    }
}
