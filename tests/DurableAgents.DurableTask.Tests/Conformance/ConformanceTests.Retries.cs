using Microsoft.DurableTask;

namespace DurableAgents.DurableTask.Tests.Conformance;

public abstract partial class ConformanceTests
{
    private static readonly RetryPolicy FastRetry = new(3, TimeSpan.FromMilliseconds(50), 2.0);

    [Fact]
    public async Task Retry_SucceedsOnThirdAttempt()
    {
        var attempts = 0;
        await StartAsync(r => r
            .AddActivityFunc<string, string>("Flaky", (_, x) =>
                Interlocked.Increment(ref attempts) < 3 ? Throw<string>(new TimeoutException("transient")) : x + " done")
            .AddOrchestratorFunc<string>("Retrying", ctx => ctx.CallActivityAsync<string>("Flaky", "job", TaskOptions.FromRetryPolicy(FastRetry))));

        var result = await RunAsync("Retrying");

        AssertCompleted(result);
        Assert.Equal("job done", result.ReadOutputAs<string>());
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Retry_Exhausted_FailureIsCaughtAsTaskFailedException()
    {
        var attempts = 0;
        await StartAsync(r => r
            .AddActivityFunc<string, string>("AlwaysFails", (_, _) =>
            {
                Interlocked.Increment(ref attempts);
                return Throw<string>(new InvalidOperationException("still broken"));
            })
            .AddOrchestratorFunc<string>("Exhaust", async ctx =>
            {
                try
                {
                    return await ctx.CallActivityAsync<string>("AlwaysFails", null, TaskOptions.FromRetryPolicy(FastRetry));
                }
                catch (TaskFailedException ex)
                {
                    return $"caught {ex.FailureDetails.ErrorType}: {ex.FailureDetails.ErrorMessage}";
                }
            }));

        var result = await RunAsync("Exhaust");

        Assert.Equal("caught System.InvalidOperationException: still broken", result.ReadOutputAs<string>());
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Retry_TimeoutStopsRetryingEarly_AndHandleFailureCanRefuse()
    {
        var timedAttempts = 0;
        var refusedAttempts = 0;
        // Retry delays are durable timers, so they are as coarse as the provider's timers.
        var interval = TimeSpan.FromMilliseconds(300) + TimerGranularity;
        var timeoutPolicy = new RetryPolicy(100, interval, 1.0, retryTimeout: (interval * 2) + TimeSpan.FromMilliseconds(100));
        var refusingPolicy = new RetryPolicy(5, TimeSpan.FromMilliseconds(10)) { HandleFailure = f => !f.IsCausedBy<ArgumentException>() };
        await StartAsync(r => r
            .AddActivityFunc<string, string>("SlowFail", (_, _) =>
            {
                Interlocked.Increment(ref timedAttempts);
                return Throw<string>(new InvalidOperationException("no"));
            })
            .AddActivityFunc<string, string>("BadArg", (_, _) =>
            {
                Interlocked.Increment(ref refusedAttempts);
                return Throw<string>(new ArgumentException("bad argument"));
            })
            .AddOrchestratorFunc<string>("Limited", async ctx =>
            {
                var outcomes = new List<string>();
                foreach (var (name, policy) in new[] { ("SlowFail", timeoutPolicy), ("BadArg", refusingPolicy) })
                {
                    try
                    {
                        await ctx.CallActivityAsync<string>(name, null, TaskOptions.FromRetryPolicy(policy));
                    }
                    catch (TaskFailedException)
                    {
                        outcomes.Add(name + " failed");
                    }
                }

                return string.Join(",", outcomes);
            }));

        var result = await RunAsync("Limited");

        Assert.Equal("SlowFail failed,BadArg failed", result.ReadOutputAs<string>());
        // Retries an interval apart within a budget of two intervals: the first try and at most three retries, far fewer than 100.
        Assert.InRange(timedAttempts, 2, 4);
        Assert.Equal(1, refusedAttempts);
    }
}
