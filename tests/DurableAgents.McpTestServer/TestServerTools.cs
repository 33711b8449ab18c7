using System.ComponentModel;
using ModelContextProtocol.Server;

namespace DurableAgents.McpTestServer;

/// <summary>The tools the test server offers: plain, arithmetic, slow, failing, and one meant to be approval-gated.</summary>
[McpServerToolType]
public static class TestServerTools
{
    [McpServerTool(Name = "echo"), Description("Echoes the text back.")]
    public static string Echo([Description("The text to echo.")] string text) => $"echo: {text}";

    [McpServerTool(Name = "add"), Description("Adds two integers.")]
    public static int Add([Description("The first addend.")] int a, [Description("The second addend.")] int b) => a + b;

    [McpServerTool(Name = "slow"), Description("Waits the given milliseconds, then answers.")]
    public static async Task<string> Slow([Description("How long to wait.")] int milliseconds, CancellationToken cancellationToken)
    {
        await Task.Delay(milliseconds, cancellationToken);
        return $"waited {milliseconds} ms";
    }

    [McpServerTool(Name = "delete_note"), Description("Deletes a note; its effect cannot be undone.")]
    public static string DeleteNote([Description("The note's name.")] string name) => $"deleted note {name}";

    [McpServerTool(Name = "fail"), Description("Always fails with the given message.")]
    public static string Fail([Description("The message.")] string message) => throw new InvalidOperationException(message);

    [McpServerTool(Name = "pid"), Description("The server's process id.")]
    public static int Pid() => Environment.ProcessId;
}
