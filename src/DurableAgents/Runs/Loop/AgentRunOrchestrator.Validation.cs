using System.Text.Json;
using DurableAgents.Agents;

namespace DurableAgents.Runs.Loop;

/// <summary>Validation of each tool call before anything runs: every problem becomes a result the model can act on.</summary>
public sealed partial class AgentRunOrchestrator
{
    private void Validate(RunState state, PlannedCall call)
    {
        var policy = state.Policy;
        var name = call.Call.Name;
        var tool = state.Definition.Tools.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
        var subAgent = tool is null ? state.Definition.SubAgents.FirstOrDefault(s => string.Equals(s, name, StringComparison.Ordinal)) : null;
        call.IsEscalation = tool is null && subAgent is null && policy.AllowEscalation && name == AgentRunNames.EscalationTool;
        if (tool is null && subAgent is null && !call.IsEscalation)
        {
            // Only the agent's own tools exist for it: a sub-agent never sees its parent's or a sibling's tools.
            var real = state.Definition.Tools.Select(t => t.Name).Concat(state.Definition.SubAgents)
                .Concat(policy.AllowEscalation ? [AgentRunNames.EscalationTool] : []).ToList();
            call.Resolve("unknown-tool",
                $"There is no tool named '{name}'. The tools you can call are: {(real.Count == 0 ? "(none)" : string.Join(", ", real))}. "
                + "Call one of them, or answer without tools.", policy.MaxToolResultChars);
            return;
        }

        call.Tool = tool;
        call.SubAgent = subAgent;
        var schema = tool?.Function.JsonSchema ?? (call.IsEscalation ? Activities.AgentToolbox.EscalationSchema : Activities.AgentToolbox.SubAgentSchema);
        if (!TryReadArguments(call, schema, out var arguments, out var problem))
        {
            var text = $"The call to '{name}' was not run: {problem} Fix the arguments to match the tool's parameters and call it again.";
            if (!state.TrySpendRetry())
            {
                throw new RunEndedException(AgentRunOutcome.RetryBudget,
                    $"The run used its retry budget of {policy.RetryBudget}; the last problem: {problem}");
            }

            call.Resolve("invalid-arguments", text, policy.MaxToolResultChars);
            return;
        }

        call.Arguments = ArgumentValidator.Canonical(arguments);
        call.Signature = $"{name}\n{call.Arguments}";
        if (CheckLoop(state, call))
        {
            return;
        }

        if (tool is not null && tool.Permission > policy.MaxPermission)
        {
            call.Resolve("refused",
                $"'{name}' is a {Describe(tool.Permission)} tool and this agent may only use tools up to {Describe(policy.MaxPermission)}. "
                + "The call was refused; do the task with the tools you are allowed to use, or answer explaining what you could not do.",
                policy.MaxToolResultChars);
            return;
        }

        if (subAgent is not null && state.Input.Depth + 1 > policy.MaxSubAgentDepth)
        {
            call.Resolve("refused",
                $"The sub-agent '{name}' was not started: this run is at sub-agent depth {state.Input.Depth} and the limit is "
                + $"{policy.MaxSubAgentDepth}. Do the task yourself or answer with what you have.", policy.MaxToolResultChars);
            return;
        }

        if (state.Rejected.TryGetValue(RunState.KeyOf(call.Signature), out var earlier))
        {
            call.Resolve("rejected", $"This exact call was already rejected by a human ({earlier}); it will not be asked again.", policy.MaxToolResultChars);
            return;
        }

        call.ApprovalReason = call.IsEscalation ? EscalationReason(arguments) : ApprovalReason(tool, name, policy);
        call.ApprovalAsked = call.ApprovalReason;
    }

    private static string EscalationReason(JsonElement arguments) =>
        arguments.TryGetProperty("reason", out var reason) && reason.GetString() is { Length: > 0 } text
            ? text
            : "The agent asked a human to take over without saying why.";

    /// <summary>Counts the call; warns once at the threshold, and ends the run when a repeat goes past it after the warning.</summary>
    private static bool CheckLoop(RunState state, PlannedCall call)
    {
        var threshold = state.Policy.LoopThreshold;
        if (threshold <= 0)
        {
            return false; // Detection is off: nothing to count (or to carry across generations).
        }

        var key = RunState.KeyOf(call.Signature);
        var count = state.CallCounts[key] = state.CallCounts.GetValueOrDefault(key) + 1;
        if (count < threshold)
        {
            return false;
        }

        if (state.LoopWarned)
        {
            throw new RunEndedException(AgentRunOutcome.LoopDetected,
                $"The model called '{call.Call.Name}' with the same arguments {count} times, after being told it was repeating itself.");
        }

        state.LoopWarned = true;
        call.Resolve("loop-warning",
            $"Loop detected: you have called '{call.Call.Name}' with these same arguments {count} times, and the result will not change. "
            + "This call was not run. Use the results you already have, try something different, or answer. "
            + "If you repeat a call again the run will be stopped.", state.Policy.MaxToolResultChars);
        return true;
    }

    private static string? ApprovalReason(AgentTool? tool, string name, AgentPolicy policy)
    {
        if (tool is { Permission: ToolPermission.Destructive })
        {
            return $"'{name}' is destructive (its effects cannot be undone); destructive tools always need approval.";
        }

        if (tool is { RequiresApproval: true })
        {
            return $"'{name}' is marked as needing a human's approval for every call.";
        }

        return policy.ApprovalRequiredFor.Contains(name) ? $"The agent's policy requires approval for '{name}'." : null;
    }

    private static bool TryReadArguments(PlannedCall call, JsonElement schema, out JsonElement arguments, out string problem)
    {
        arguments = default;
        if (call.Call.MalformedError is { } malformed)
        {
            problem = $"its arguments are not a valid JSON object ({malformed}).";
            return false;
        }

        if (!Models.ToolCallArguments.TryParse(call.Call.Arguments, out var parsed, out var error))
        {
            problem = error;
            return false;
        }

        arguments = JsonSerializer.SerializeToElement(parsed);
        var problems = ArgumentValidator.Validate(arguments, schema);
        problem = string.Join(" ", problems);
        return problems.Count == 0;
    }

    private static string Describe(ToolPermission permission) => permission.ToString().ToLowerInvariant();
}
