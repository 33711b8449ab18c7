using System.ComponentModel;
using ModelContextProtocol.Server;

namespace DurableAgents.McpTestServer;

/// <summary>
/// A tool with a side effect the crash tests can count: it appends "start TAG" and "done TAG" to <c>mcp.log</c> in the folder named
/// by <c>MCP_TEST_LOG</c>; with <c>wait</c> it holds between the two until a <c>release</c> file appears there, so a test can kill
/// the agent's worker while the call is in flight.
/// </summary>
[McpServerToolType]
public static class RecordingTool
{
    private static readonly Lock Gate = new();

    [McpServerTool(Name = "record"), Description("Records the tag; with wait, holds until released.")]
    public static async Task<string> Record([Description("The tag.")] string tag, [Description("Hold until released.")] bool wait, CancellationToken cancellationToken)
    {
        var folder = Environment.GetEnvironmentVariable("MCP_TEST_LOG")
            ?? throw new InvalidOperationException("Set MCP_TEST_LOG to the folder the record tool writes to.");
        Append(folder, $"start {tag}");
        while (wait && !File.Exists(Path.Combine(folder, "release")))
        {
            await Task.Delay(20, cancellationToken);
        }

        Append(folder, $"done {tag}");
        return $"recorded {tag}";
    }

    private static void Append(string folder, string line)
    {
        lock (Gate)
        {
            using var stream = new FileStream(Path.Combine(folder, "mcp.log"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            using var writer = new StreamWriter(stream);
            writer.WriteLine(line);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
    }
}
