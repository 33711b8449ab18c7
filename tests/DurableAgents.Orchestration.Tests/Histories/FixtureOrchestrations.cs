namespace DurableAgents.Orchestration.Tests.Histories;

/// <summary>The orchestrators whose recorded histories are checked in; changing their code or the engine's replay breaks the fixtures.</summary>
internal static class FixtureOrchestrations
{
    public static void Register(DurableTaskRegistry registry)
    {
        var flaky = 0;
        registry
            .AddActivityFunc<string, string>("Upper", (_, s) => s.ToUpperInvariant())
            .AddActivityFunc<int, int>("Square", (_, x) => x * x)
            .AddActivityFunc<string, string>("FlakyOnce", (_, s) => Interlocked.Increment(ref flaky) == 1 ? throw new TimeoutException("first try fails") : s + "!")
            .AddOrchestratorFunc<int, int>("SubDouble", (_, x) => Task.FromResult(x * 2))
            .AddOrchestratorFunc<string, string>("KitchenSink", async (ctx, name) =>
            {
                var upper = await ctx.CallActivityAsync<string>("Upper", name);
                var squares = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => ctx.CallActivityAsync<int>("Square", i)));
                await ctx.CreateTimer(TimeSpan.FromMilliseconds(10), CancellationToken.None);
                ctx.SetCustomStatus("waiting for go");
                var go = await ctx.WaitForExternalEvent<string>("go");
                var doubled = await ctx.CallSubOrchestratorAsync<int>("SubDouble", squares.Sum());
                var retried = await ctx.CallActivityAsync<string>("FlakyOnce", go, TaskOptions.FromRetryPolicy(new RetryPolicy(2, TimeSpan.FromMilliseconds(10))));
                var id = ctx.NewGuid();
                return $"{upper}|{string.Join(',', squares)}|{doubled}|{retried}|{id}";
            });
    }
}
