using System.Globalization;
using DurableAgents.Samples;
using DurableAgents.Durability;
using Microsoft.DurableTask.Client;
using DurableAgents.Runs;

namespace DurableAgents.Host.Demo;

/// <summary>The scripted terminal tour: start a run of the approval agent, follow it, approve, show the result and history.</summary>
public static class DemoTour
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Points the demo at a fresh data folder of its own (deleted when the returned handle is disposed), the file backend and a free
    /// loopback port, so it never collides with a running host and every demo tells the same story from empty.
    /// </summary>
    public static IDisposable UseOwnDataAndPort(IConfigurationManager configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var folder = new DemoDataFolder();
        configuration["DurableAgents:DataPath"] = folder.Path;
        configuration["DurableAgents:Backend"] = "file";
        configuration["urls"] = "http://127.0.0.1:0";
        return folder;
    }

    /// <summary>Runs the tour on a started host; returns the process exit code.</summary>
    public static async Task<int> RunAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<AgentRunClient>() is null)
        {
            await Console.Error.WriteLineAsync(
                "The demo needs the agent-run orchestration, which is not in this build yet (it arrives with the agent runs work). "
                + "The host itself runs: start it without 'demo'.");
            return 2;
        }

        await app.StartAsync();
        try
        {
            var host = app.Services.GetRequiredService<HostDescription>();
            Console.WriteLine($"DurableAgents demo ({DemoTime.Format(DateTime.UtcNow, DateTime.UtcNow, withDate: true)}). Backend: {host.Backend}. Model: {host.Model}.");
            return await TourAsync(app.Services.GetRequiredService<AgentRunClient>());
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static async Task<int> TourAsync(AgentRunClient runs)
    {
        var runId = $"demo-{DateTime.UtcNow.ToString("yyyyMMddTHHmmss", CultureInfo.InvariantCulture)}";
        Console.WriteLine($"\n1. Starting run {runId} of agent '{SampleAgents.Approval}': \"{SampleAgents.ApprovalGoal}\"");
        await runs.StartRunAsync(SampleAgents.Approval, SampleAgents.ApprovalGoal, runId);

        using var timeout = new CancellationTokenSource(Deadline);
        var printer = new HistoryPrinter(runs.Orchestrations, runId);
        var approved = false;
        while (true)
        {
            await printer.PrintNewAsync(timeout.Token);
            var run = await runs.GetRunAsync(runId, cancellationToken: timeout.Token) ?? throw new InvalidOperationException($"Run {runId} disappeared.");
            if (run.RuntimeStatus.IsTerminal())
            {
                return Finish(run, printer.Count);
            }

            if (!approved && run.Status is { Phase: AgentRunNames.AwaitingApprovalPhase, PendingApprovals: { Count: > 0 } pending })
            {
                Console.WriteLine("\n2. The run waits for a human. Pending approval:");
                foreach (var call in pending)
                {
                    Console.WriteLine($"   {call.Tool}({call.Arguments.GetRawText()})  [{call.Permission}] {call.Reason}");
                }

                Console.WriteLine("\n3. Approving (as POST /api/runs/{id}/approval would).");
                await runs.SubmitApprovalAsync(runId, new ApprovalDecision(true, pending.Select(p => p.CallId).ToList(), "demo", "Looks right."), timeout.Token);
                approved = true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
        }
    }

    private static int Finish(AgentRunView run, int historyEvents)
    {
        Console.WriteLine($"\n4. Run finished: {run.RuntimeStatus}, outcome {run.Result?.Outcome.ToString() ?? "-"}.");
        if (run.Result is { } result)
        {
            Console.WriteLine($"   Answer: {result.Answer}");
            Console.WriteLine($"   Steps: {result.Steps}, tokens in/out {result.Usage.InputTokens}/{result.Usage.OutputTokens}, cost ${result.Usage.CostUsd}");
            foreach (var call in result.ToolCalls)
            {
                Console.WriteLine($"   tool {call.Tool} -> {call.Status}: {Short(call.Result)}");
            }
        }

        Console.WriteLine($"\n5. History: {historyEvents} events (GET /api/runs/{run.RunId}/history shows them with inputs and outputs).");
        return run.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? 0 : 1;
    }

    internal static string Short(string? text) => text is null ? "" : text.Length <= 120 ? text : text[..120] + "...";
}
