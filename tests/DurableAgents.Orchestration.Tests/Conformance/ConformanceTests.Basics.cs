namespace DurableAgents.Orchestration.Tests.Conformance;

public abstract partial class ConformanceTests
{
    [Fact]
    public async Task Sequence_RunsActivitiesInOrder_AndReturnsOutput()
    {
        await StartAsync(r => r
            .AddActivityFunc<string, string>("Hello", (_, name) => $"Hello {name}")
            .AddOrchestratorFunc<string, string[]>("Greetings", async (ctx, prefix) =>
            [
                await ctx.CallActivityAsync<string>("Hello", prefix + "Tokyo"),
                await ctx.CallActivityAsync<string>("Hello", prefix + "Seattle"),
                await ctx.CallActivityAsync<string>("Hello", prefix + "London"),
            ]));

        var result = await RunAsync("Greetings", "in ");

        AssertCompleted(result);
        Assert.Equal(["Hello in Tokyo", "Hello in Seattle", "Hello in London"], result.ReadOutputAs<string[]>()!);
        Assert.Equal("in ", result.ReadInputAs<string>());
    }

    [Fact]
    public async Task FanOutFanIn_ThousandActivities_AllResultsGathered()
    {
        await StartAsync(r => r
            .AddActivityFunc<int, int>("Square", (_, x) => x * x)
            .AddOrchestratorFunc<int, long>("FanOut", async (ctx, n) =>
            {
                var tasks = Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Square", i)).ToList();
                var results = await Task.WhenAll(tasks);
                return results.Sum(x => (long)x);
            }));

        var result = await RunAsync("FanOut", 1000);

        AssertCompleted(result);
        Assert.Equal(Enumerable.Range(1, 1000).Sum(i => (long)i * i), result.ReadOutputAs<long>());
    }

    [Fact]
    public async Task SubOrchestration_SucceedsAndFails_FailureIsCatchable()
    {
        await StartAsync(r => r
            .AddActivityFunc<string, string>("Boom", (_, msg) => Throw<string>(new InvalidOperationException(msg)))
            .AddOrchestratorFunc<int, int>("Child", async (ctx, x) =>
            {
                if (x < 0)
                {
                    await ctx.CallActivityAsync<string>("Boom", "negative input");
                }

                return x * 2;
            })
            .AddOrchestratorFunc<int, string>("Parent", async (ctx, x) =>
            {
                var doubled = await ctx.CallSubOrchestratorAsync<int>("Child", x);
                try
                {
                    await ctx.CallSubOrchestratorAsync<int>("Child", -1);
                    return "no failure";
                }
                catch (TaskFailedException ex)
                {
                    return $"{doubled}|{ex.TaskName}|{ex.FailureDetails.InnerFailure?.ErrorMessage}";
                }
            }));

        var result = await RunAsync("Parent", 21);

        AssertCompleted(result);
        Assert.Equal("42|Child|negative input", result.ReadOutputAs<string>());
        var children = await Client.QueryInstancesAsync(new Client.OrchestrationQuery { Name = "Child" });
        Assert.Equal(2, children.Instances.Count);
        Assert.All(children.Instances, c => Assert.Equal(result.InstanceId, c.ParentInstanceId));
    }

    private static T Throw<T>(Exception ex) => throw ex;

    [Fact]
    public async Task ActivityContext_CarriesStableIdempotencyKey()
    {
        await StartAsync(r => r
            .AddActivityFunc<string, string>("Key", (ctx, _) => ctx.IdempotencyKey)
            .AddOrchestratorFunc<string[]>("Keys", async ctx =>
                [await ctx.CallActivityAsync<string>("Key", "a"), await ctx.CallActivityAsync<string>("Key", "b")]));

        var result = await RunAsync("Keys", instanceId: "keys-1");

        var keys = result.ReadOutputAs<string[]>()!;
        Assert.StartsWith("keys-1/", keys[0], StringComparison.Ordinal);
        Assert.EndsWith("/0", keys[0], StringComparison.Ordinal);
        Assert.EndsWith("/1", keys[1], StringComparison.Ordinal);
        Assert.NotEqual(keys[0], keys[1]);
    }

    [Fact]
    public async Task LargePayloads_SixteenMegabytesInAndOut()
    {
        const int size = 16 * 1024 * 1024;
        await StartAsync(r => r
            .AddActivityFunc<int, string>("Make", (_, n) => new string('x', n))
            .AddOrchestratorFunc<string, string>("Big", async (ctx, input) =>
            {
                var made = await ctx.CallActivityAsync<string>("Make", size);
                return $"{input.Length}:{made.Length}:{made[..3]}";
            }));

        var result = await RunAsync("Big", new string('y', size));

        AssertCompleted(result);
        Assert.Equal($"{size}:{size}:xxx", result.ReadOutputAs<string>());
        Assert.Equal(size, result.ReadInputAs<string>()!.Length);
    }
}
