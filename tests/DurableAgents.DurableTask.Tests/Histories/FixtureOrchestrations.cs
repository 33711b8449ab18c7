using Microsoft.DurableTask;

namespace DurableAgents.DurableTask.Tests.Histories;

/// <summary>The orchestrators whose recorded histories are checked in; changing their code or our replay breaks the fixtures.</summary>
internal static class FixtureOrchestrations
{
    /// <summary>Fixture file name, orchestrator, input, and the event (if any) to raise once the instance waits.</summary>
    public static readonly (string File, string Orchestrator, object? Input, string? Event)[] Runs =
    [
        ("kitchen-sink.json", "KitchenSink", "fixture", "go"),
        ("caught-failure.json", "CaughtFailure", 7, null),
    ];

    public static void Register(DurableTaskRegistry registry)
    {
        var flaky = 0;
        registry
            .AddActivityFunc<string, string>("Upper", (_, s) => s.ToUpperInvariant())
            .AddActivityFunc<int, int>("Square", (_, x) => x * x)
            .AddActivityFunc<string, string>("FlakyOnce", (_, s) => Interlocked.Increment(ref flaky) % 2 == 1 ? throw new TimeoutException("first try fails") : s + "!")
            .AddActivityFunc<int, int>("Fail", (_, x) => x > 0 ? throw new InvalidOperationException($"failed on {x}") : x)
            .AddOrchestratorFunc<int, string>("SubDouble", (ctx, x) => Task.FromResult($"{x * 2} from {ctx.Parent?.Name}"))
            .AddOrchestratorFunc<string, string>("KitchenSink", async (ctx, name) =>
            {
                var upper = await ctx.CallActivityAsync<string>("Upper", name);
                var squares = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => ctx.CallActivityAsync<int>("Square", i)));
                await ctx.CreateTimer(TimeSpan.FromMilliseconds(10), CancellationToken.None);
                ctx.SetCustomStatus("waiting for go");
                var go = await ctx.WaitForExternalEvent<string>("go");
                var doubled = await ctx.CallSubOrchestratorAsync<string>("SubDouble", squares.Sum());
                var retried = await ctx.CallActivityAsync<string>("FlakyOnce", go, TaskOptions.FromRetryPolicy(new RetryPolicy(2, TimeSpan.FromMilliseconds(10))));
                return $"{upper}|{string.Join(',', squares)}|{doubled}|{retried}|{ctx.NewGuid()}";
            })
            .AddOrchestratorFunc<int, string>("CaughtFailure", async (ctx, x) =>
            {
                try
                {
                    return (await ctx.CallActivityAsync<int>("Fail", x)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (TaskFailedException ex)
                {
                    return $"{ex.FailureDetails.ErrorType}: {ex.FailureDetails.ErrorMessage}";
                }
            });
    }
}
