using DurableAgents.DurableTask.Sqlite.Tests.Orchestrations;
using DurableAgents.DurableTask.Sqlite.Tests.Support;
using DurableTask.Core;

namespace DurableAgents.DurableTask.Sqlite.Tests;

public sealed class WaitTests
{
    /// <summary>
    /// Instances finish while their waiters register: a waiter signalled in that moment must return at once. It used to take
    /// such a signal for "the final state was purged" and sleep out its safety poll (5 s) before looking again.
    /// </summary>
    [Fact]
    public async Task WaitForOrchestration_SignalledAsItRegisters_ReturnsWithoutASafetyPoll()
    {
        await using var hub = await TestHub.StartAsync();
        for (var round = 0; round < 60; round++)
        {
            var instances = await Task.WhenAll(Enumerable.Range(0, 5).Select(
                i => hub.Client.CreateOrchestrationInstanceAsync(typeof(EventCollector), $"race-{round}-{i}", 1)));
            foreach (var instance in instances)
            {
                await OrchestrationTests.WaitForStatusAsync(hub, instance.InstanceId, OrchestrationStatus.Running);
            }

            await Task.WhenAll(instances.Select(instance => hub.Client.RaiseEventAsync(instance, "e", "go")));

            // One at a time, as a client awaiting a batch does: each wait begins while the next completions are being committed.
            foreach (var instance in instances)
            {
                Assert.Equal(OrchestrationStatus.Completed, (await hub.WaitAsync(instance)).OrchestrationStatus);
            }
        }

        Assert.Equal(0, hub.Service.WaitsUnsignalled);
    }
}
