using Microsoft.DurableTask;

namespace DurableAgents.DurableTask.Tests.Conformance;

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
                var results = await Task.WhenAll(Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Square", i)));
                return results.Sum(x => (long)x);
            }));

        var result = await RunAsync("FanOut", 1000);

        AssertCompleted(result);
        Assert.Equal(Enumerable.Range(1, 1000).Sum(i => (long)i * i), result.ReadOutputAs<long>());
    }

    [Fact]
    public async Task SubOrchestration_SucceedsAndFails_FailureIsCatchable_AndParentIsSet()
    {
        await StartAsync(r => r
            .AddActivityFunc<string, string>("Boom", (_, msg) => Throw<string>(new InvalidOperationException(msg)))
            .AddOrchestratorFunc<int, string>("Child", async (ctx, x) =>
            {
                if (x < 0)
                {
                    await ctx.CallActivityAsync<string>("Boom", "negative input");
                }

                return $"{x * 2}:{ctx.Parent?.Name}:{ctx.Parent?.InstanceId}";
            })
            .AddOrchestratorFunc<int, string>("Parent", async (ctx, x) =>
            {
                var child = await ctx.CallSubOrchestratorAsync<string>("Child", x);
                try
                {
                    await ctx.CallSubOrchestratorAsync<string>("Child", -1);
                    return "no failure";
                }
                catch (TaskFailedException ex)
                {
                    var inner = ex.FailureDetails.InnerFailure;
                    return $"{child}|{ex.TaskName}|{inner?.ErrorType}|{inner?.ErrorMessage}|{ctx.Parent is null}";
                }
            }));

        var result = await RunAsync("Parent", 21, NewId("parent"));

        AssertCompleted(result);
        Assert.Equal($"42:Parent:{result.InstanceId}|Child|System.InvalidOperationException|negative input|True", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ActivityFailure_CarriesTypeMessageStackAndInnerFailure()
    {
        await StartAsync(r => r
            .AddActivityFunc<string>("Nested", (_, _) => Throw<string>(new InvalidOperationException("outer", new ArgumentException("inner cause"))))
            .AddOrchestratorFunc<string>("Catches", async ctx =>
            {
                try
                {
                    return await ctx.CallActivityAsync<string>("Nested");
                }
                catch (TaskFailedException ex)
                {
                    var f = ex.FailureDetails;
                    return $"{f.ErrorType}|{f.ErrorMessage}|{f.StackTrace?.Contains("ActivityFailure_", StringComparison.Ordinal)}|" +
                        $"{f.InnerFailure?.ErrorType}|{f.InnerFailure?.ErrorMessage}|{f.IsCausedBy<InvalidOperationException>()}";
                }
            }));

        var result = await RunAsync("Catches");

        Assert.Equal("System.InvalidOperationException|outer|True|System.ArgumentException|inner cause|True", result.ReadOutputAs<string>());
    }
}
