using DurableAgents.Api.Runs;
using DurableAgents.Host.Api.Runs;
using Spectre.Console;

namespace DurableAgents.Host.Cli;

/// <summary>Shows a run, once or live until it ends: a live view on a terminal, new steps as lines when the output is redirected.</summary>
public sealed class RunFollower(HostApiClient api, IAnsiConsole console)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly HashSet<string> Terminal = ["Completed", "Failed", "Terminated"];
    private readonly HashSet<string> _printed = new(StringComparer.Ordinal);

    /// <summary>Prints the run as it is now.</summary>
    public async Task<RunResponse> ShowAsync(string id, CancellationToken cancellationToken)
    {
        var (run, steps) = await ReadAsync(id, cancellationToken);
        console.Write(RunRendering.RunView(run, steps));
        return run;
    }

    /// <summary>
    /// Follows the run until it ends; <paramref name="onChange"/> sees each new state (the demo approves from there).
    /// <paramref name="live"/> picks the live view (null: when the console is an interactive terminal).
    /// </summary>
    public async Task<RunResponse> FollowAsync(string id, Func<RunResponse, Task>? onChange, CancellationToken cancellationToken, bool? live = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (live ?? (console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi))
        {
            RunResponse? last = null;
            var (first, firstSteps) = await ReadAsync(id, cancellationToken);
            await console.Live(RunRendering.RunView(first, firstSteps)).AutoClear(false).StartAsync(async ctx =>
            {
                for (var (run, steps) = (first, firstSteps); ; (run, steps) = await ReadAsync(id, cancellationToken))
                {
                    ctx.UpdateTarget(RunRendering.RunView(run, steps));
                    last = run;
                    if (onChange is not null)
                    {
                        await onChange(run);
                    }

                    if (Terminal.Contains(run.RuntimeStatus))
                    {
                        return;
                    }

                    await Task.Delay(Interval, cancellationToken);
                }
            });
            return last!;
        }

        console.Write(new Text($"Following run {id} (Ctrl+C to stop).\n", new Style(Color.Grey)));
        while (true)
        {
            var (run, steps) = await ReadAsync(id, cancellationToken);
            PrintNew(run, steps);
            if (onChange is not null)
            {
                await onChange(run);
            }

            if (Terminal.Contains(run.RuntimeStatus))
            {
                console.Write(RunRendering.RunView(run, steps));
                return run;
            }

            await Task.Delay(Interval, cancellationToken);
        }
    }

    private async Task<(RunResponse Run, IReadOnlyList<RunStep> Steps)> ReadAsync(string id, CancellationToken cancellationToken)
    {
        var run = await api.GetRunAsync(id, cancellationToken);
        var history = await api.GetHistoryAsync(id, cancellationToken);
        return (run, RunSteps.From(run, history));
    }

    /// <summary>Lines for what is new since the last look: model calls, tool results, phase changes.</summary>
    private void PrintNew(RunResponse run, IReadOnlyList<RunStep> steps)
    {
        foreach (var step in steps)
        {
            if (step.Model is not null && _printed.Add($"step {step.Number}"))
            {
                var tokens = step.Usage is { } u ? $"{u.InputTokens}/{u.OutputTokens} tokens" : "";
                Line($"step {step.Number}  {step.Model}  {tokens}  {RunRendering.Cut(RunRendering.OneLine(step.Reply), 100)}", Color.Blue);
            }

            foreach (var call in step.Calls.Where(c => c.Status is not ("running" or "awaiting-approval")))
            {
                if (_printed.Add($"call {step.Number} {call.CallId}"))
                {
                    Line($"  {call.Tool}({RunRendering.Cut(RunRendering.OneLine(call.Arguments), 60)}) -> {call.Status}: {RunRendering.Cut(RunRendering.OneLine(call.Result), 90)}",
                        call.Status == "ok" ? Color.Green : Color.Yellow);
                }
            }
        }

        var phase = run.CustomStatus?.Phase ?? run.RuntimeStatus;
        if (_printed.Add($"phase {phase} {run.CustomStatus?.PendingApprovals?.Count}"))
        {
            var waiting = run.CustomStatus?.PendingApprovals is { Count: > 0 } pending
                ? $": waiting for a decision on {string.Join(", ", pending.Select(p => $"{p.Tool}({RunRendering.Cut(p.Arguments.GetRawText(), 60)})"))}"
                : "";
            Line($"{run.RuntimeStatus} ({phase}){waiting}", Color.Grey);
        }
    }

    private void Line(string text, Color color) => console.Write(new Text(text + "\n", new Style(color)));
}
