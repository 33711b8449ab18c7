using System.Collections.Concurrent;
using DurableAgents.Agents;
using Microsoft.Extensions.AI;

namespace DurableAgents.Tests.Runs.Infrastructure;

/// <summary>Tools for run tests that count their invocations.</summary>
internal sealed class TestTools
{
    public ConcurrentQueue<string> Invocations { get; } = new();

    public AgentTool Lookup(string name = "lookup", Func<string, string>? result = null) => new(AIFunctionFactory.Create(
        (string query) =>
        {
            Invocations.Enqueue($"{name}:{query}");
            return result?.Invoke(query) ?? $"result for {query}";
        }, name, "Looks something up."));

    public AgentTool Delete(ToolPermission permission = ToolPermission.Destructive) => new(AIFunctionFactory.Create(
        (string path) =>
        {
            Invocations.Enqueue($"delete:{path}");
            return $"deleted {path}";
        }, "delete_file", "Deletes a file.")) { Permission = permission };

    public AgentTool Send(bool requiresApproval = true) => new(AIFunctionFactory.Create(
        (string to, string body) =>
        {
            Invocations.Enqueue($"send:{to}");
            return $"sent to {to}";
        }, "send_mail", "Sends an e-mail.")) { Permission = ToolPermission.Write, RequiresApproval = requiresApproval };

    public AgentTool Hang(TimeSpan timeout) => new(AIFunctionFactory.Create(
        async (string query, CancellationToken cancellationToken) =>
        {
            Invocations.Enqueue($"hang:{query}");
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return "never";
        }, "slow_lookup", "A lookup that never answers.")) { Timeout = timeout };
}
