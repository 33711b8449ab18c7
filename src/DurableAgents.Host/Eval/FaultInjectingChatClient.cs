using DurableAgents.Models;
using Microsoft.Extensions.AI;

namespace DurableAgents.Host.Eval;

/// <summary>A model misbehaviour the eval provokes, so the runtime's guard for it is exercised whatever the model.</summary>
public enum EvalFault
{
    /// <summary>The first reply calls a tool that does not exist (search_the_internet).</summary>
    HallucinatedTool,

    /// <summary>The first reply calls the calculator with arguments that are not valid JSON.</summary>
    MalformedArguments,

    /// <summary>The first reply calls delete_records, a tool outside the agent's set (another agent has it).</summary>
    ForbiddenTool,

    /// <summary>Every reply makes the same check_status call again.</summary>
    Loop,
}

/// <summary>
/// Wraps the configured model and replaces its reply with a misbehaving one: on the run's first model call (no tool result after
/// the goal yet) for most faults, on every call for <see cref="EvalFault.Loop"/>. Later replies are the real model's, so the eval
/// measures whether it recovers from what the runtime fed back. Deterministic in the conversation, so a retried activity replies alike.
/// </summary>
/// <remarks>Written here because it is a test double for evaluations, not a model middleware anyone deploys.</remarks>
public sealed class FaultInjectingChatClient(IChatClient inner, EvalFault fault) : DelegatingChatClient(inner)
{
    /// <summary>The tool name the hallucination uses.</summary>
    public const string HallucinatedToolName = "search_the_internet";

    /// <inheritdoc />
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages.ToList();
        var goal = list.FindLastIndex(m => m.Role == ChatRole.User && !m.Text.StartsWith("[runtime", StringComparison.Ordinal));
        var turn = list.Skip(goal + 1).Count(m => m.Role == ChatRole.Assistant);
        if (fault != EvalFault.Loop && turn > 0 || options?.ResponseFormat is ChatResponseFormatJson)
        {
            return base.GetResponseAsync(list, options, cancellationToken);
        }

        var call = fault switch
        {
            EvalFault.HallucinatedTool => new FunctionCallContent($"fault-{turn}", HallucinatedToolName, new Dictionary<string, object?> { ["query"] = "the answer" }),
            EvalFault.MalformedArguments => ToolCallArguments.CreateCall($"fault-{turn}", "calculator", "{\"expression\": \"12 * 12\""),
            EvalFault.ForbiddenTool => new FunctionCallContent($"fault-{turn}", "delete_records", new Dictionary<string, object?> { ["filter"] = "inactive" }),
            _ => new FunctionCallContent($"fault-{turn}", "check_status", new Dictionary<string, object?> { ["order"] = "A-17" }),
        };
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, [call])) { ModelId = "eval-fault" });
    }
}
