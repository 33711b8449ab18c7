using System.Globalization;
using Microsoft.DurableTask.Client;

namespace DurableAgents.DurableTask.Tests.Conformance;

public abstract partial class ConformanceTests
{
    [Fact]
    public async Task ExternalEvents_RaisedBeforeTheWait_AreBufferedAndDeliveredInOrder()
    {
        await StartAsync(r => r.AddOrchestratorFunc<string>("Collect", async ctx =>
        {
            await ctx.WaitForExternalEvent<string>("go");
            var a = await ctx.WaitForExternalEvent<string>("item");
            var b = await ctx.WaitForExternalEvent<string>("item");
            var c = await ctx.WaitForExternalEvent<string>("item");
            return a + b + c;
        }));
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Collect");
        await WaitForStartAsync(id);

        await Client.RaiseEventAsync(id, "item", "1");
        await Client.RaiseEventAsync(id, "item", "2");
        await Client.RaiseEventAsync(id, "item", "3");
        await Client.RaiseEventAsync(id, "go");

        var result = await WaitForCompletionAsync(id);
        AssertCompleted(result);
        Assert.Equal("123", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ExternalEvent_WithTimerTimeout_TimesOutOrArrives()
    {
        await StartAsync(r => r.AddOrchestratorFunc<string, string>("Approve", async (ctx, timeout) =>
        {
            using var cts = new CancellationTokenSource();
            var approval = ctx.WaitForExternalEvent<bool>("approval", cts.Token);
            var timer = ctx.CreateTimer(TimeSpan.Parse(timeout, CultureInfo.InvariantCulture), cts.Token);
            var winner = await Task.WhenAny(approval, timer);
            // Cancel, not CancelAsync: orchestrator code must not hop to the thread pool.
            cts.Cancel();
            return winner == approval ? (approval.Result ? "approved" : "rejected") : "timed out";
        }));

        var timedOut = await RunAsync("Approve", "00:00:00.300");
        Assert.Equal("timed out", timedOut.ReadOutputAs<string>());

        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Approve", "01:00:00");
        await WaitForStartAsync(id);
        await Client.RaiseEventAsync(id, "approval", true);
        var arrived = await WaitForCompletionAsync(id);
        Assert.Equal("approved", arrived.ReadOutputAs<string>());
    }

    [Fact]
    public async Task RaiseEvent_UnknownInstance_ThrowsClearError()
    {
        await StartAsync(_ => { });

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Client.RaiseEventAsync("no-such-run", "x"));

        Assert.Contains("'no-such-run'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"not a number\"")]
    [InlineData(null)]
    public async Task ExternalEvent_WhosePayloadDoesNotFitTheWait_FailsTheInstanceWithAClearError(string? payload)
    {
        await StartAsync(r => r.AddOrchestratorFunc<int>("Count", async ctx => await ctx.WaitForExternalEvent<int>("n") + 1));
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Count");
        await WaitForStartAsync(id);

        await Client.RaiseEventAsync(id, "n", payload is null ? null : System.Text.Json.JsonDocument.Parse(payload).RootElement);

        var result = await WaitForCompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("event 'n'", result.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }
}
