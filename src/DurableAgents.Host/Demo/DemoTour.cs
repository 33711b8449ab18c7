using System.Globalization;
using DurableAgents.Api.Runs;
using DurableAgents.Host.Cli;
using DurableAgents.Host.Hosting;
using DurableAgents.Samples;
using DurableAgents.Runs;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace DurableAgents.Host.Demo;

/// <summary>
/// The scripted terminal tour: start a run of the approval agent over the HTTP API, follow its steps, approve, show the result.
/// It drives its own host the way <c>runs show --follow</c> and <c>runs approve</c> drive any host, with the same rendering.
/// </summary>
public static class DemoTour
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Points the demo at a fresh data folder of its own (deleted when the returned handle is disposed), the file backend and a free
    /// loopback port, so it never collides with a running host and every demo tells the same story from empty.
    /// </summary>
    public static IDisposable UseOwnDataAndPort(IConfigurationManager configuration, string prefix = "durableagents-demo")
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var folder = new TemporaryDataFolder(prefix);
        configuration["DurableAgents:DataPath"] = folder.Path;
        configuration["DurableAgents:Backend"] = "file";
        configuration["urls"] = "http://127.0.0.1:0";
        return folder;
    }

    /// <summary>Runs the tour on a started host; returns the process exit code.</summary>
    public static async Task<int> RunAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.StartAsync();
        try
        {
            var host = app.Services.GetRequiredService<HostDescription>();
            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var key = app.Services.GetRequiredService<IOptions<DurableAgentsHostOptions>>().Value.AllKeys.FirstOrDefault();
            var console = AnsiConsole.Console;
            Console.Out.WriteLine($"DurableAgents demo ({DemoTime.Format(DateTime.UtcNow, DateTime.UtcNow, withDate: true)}). Backend: {host.Backend}. Model: {host.Model}. API: {url}");
            using var api = new HostApiClient(new HostConnection(new Uri(url), key));
            using var timeout = new CancellationTokenSource(Deadline);
            return await TourAsync(api, console, timeout.Token);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static async Task<int> TourAsync(HostApiClient api, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var runId = $"demo-{DateTime.UtcNow.ToString("yyyyMMddTHHmmss", CultureInfo.InvariantCulture)}";
        Say($"1. Starting run {runId} of agent '{SampleAgents.Approval}' (POST /api/agents/{SampleAgents.Approval}/runs): \"{SampleAgents.ApprovalGoal}\"");
        await api.StartRunAsync(SampleAgents.Approval, SampleAgents.ApprovalGoal, runId, cancellationToken);

        var approved = false;
        async Task ApproveWhenAsked(RunResponse run)
        {
            if (approved || run.CustomStatus is not { Phase: AgentRunNames.AwaitingApprovalPhase, PendingApprovals: { Count: > 0 } pending } status)
            {
                return;
            }

            approved = true;
            var deadline = status.ApprovalDeadline is { } at ? $" The approval deadline is {DemoTime.Format(at, DateTime.UtcNow)}." : "";
            Say($"2. The run waits for a human, holding no thread.{deadline}");
            console.Write(RunRendering.PendingTable(pending));
            Say("3. Approving as 'demo' (POST /api/runs/{id}/approval, as `runs approve` does).");
            var answer = await api.SubmitApprovalAsync(run.Id, new ApprovalRequest(true, pending.Select(p => p.CallId).ToList(), "demo", "Looks right."), cancellationToken);
            Say($"   {answer.Status}: {answer.Detail}");
        }

        var finished = await new RunFollower(api, console).FollowAsync(runId, ApproveWhenAsked, cancellationToken, live: false);
        Say($"4. Run finished: {finished.RuntimeStatus}, outcome {finished.Output?.Outcome.ToString() ?? "-"}.");
        Say($"5. The same run in the browser: /dashboard/#/runs/{runId} on a running host; in the terminal: "
            + $"dotnet run --project src/DurableAgents.Host -- runs show {runId}");
        return finished.RuntimeStatus == "Completed" && finished.Output?.Outcome == AgentRunOutcome.Completed ? 0 : 1;
    }

    // The story's own lines go out unwrapped (Spectre wraps at 80 columns when the output is redirected); the views are Spectre's.
    private static void Say(string text) => Console.Out.WriteLine("\n" + text);
}
