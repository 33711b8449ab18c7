namespace DurableAgents.Orchestration.Tests.Conformance;

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
        await Client.WaitForInstanceStartAsync(id, false, Testing.TestDeadline.Token());

        await Client.RaiseEventAsync(id, "item", "1");
        await Client.RaiseEventAsync(id, "item", "2");
        await Client.RaiseEventAsync(id, "item", "3");
        await Client.RaiseEventAsync(id, "go");

        var result = await WaitForCompletionAsync(id);
        AssertCompleted(result);
        Assert.Equal("123", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ExternalEvent_WithTimeout_TimesOutOrArrives()
    {
        await StartAsync(r => r.AddOrchestratorFunc<string, string>("Approve", async (ctx, timeout) =>
        {
            try
            {
                var approved = await ctx.WaitForExternalEvent<bool>("approval", TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture));
                return approved ? "approved" : "rejected";
            }
            catch (TaskCanceledException)
            {
                return "timed out";
            }
        }));

        var timedOut = await RunAsync("Approve", "00:00:00.300");
        Assert.Equal("timed out", timedOut.ReadOutputAs<string>());

        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Approve", "01:00:00");
        await Client.WaitForInstanceStartAsync(id, false, Testing.TestDeadline.Token());
        await Client.RaiseEventAsync(id, "approval", true);
        var arrived = await WaitForCompletionAsync(id);
        Assert.Equal("approved", arrived.ReadOutputAs<string>());
    }

    [Fact]
    public async Task DuplicateEventDelivery_IsAppliedOnce()
    {
        await StartAsync(r => r.AddOrchestratorFunc<int>("Count", async ctx =>
        {
            var total = 0;
            while (true)
            {
                var n = await ctx.WaitForExternalEvent<int>("add");
                if (n == 0)
                {
                    return total;
                }

                total += n;
            }
        }));
        var id = await Client.ScheduleNewOrchestrationInstanceAsync("Count");
        await Client.WaitForInstanceStartAsync(id, false, Testing.TestDeadline.Token());

        var message = History.TaskMessage.Create(id, new History.EventRaisedEvent("add", "5") { Timestamp = DateTime.UtcNow });
        await Backend.SendMessageAsync(message, default);
        await Backend.SendMessageAsync(message, default);
        await Client.RaiseEventAsync(id, "add", 0);

        var result = await WaitForCompletionAsync(id);
        Assert.Equal(5, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task RaiseEvent_UnknownInstance_ThrowsClearError()
    {
        await StartAsync(_ => { });

        var ex = await Assert.ThrowsAsync<InstanceNotFoundException>(() => Client.RaiseEventAsync("no-such-run", "x"));

        Assert.Contains("no-such-run", ex.Message, StringComparison.Ordinal);
    }
}
