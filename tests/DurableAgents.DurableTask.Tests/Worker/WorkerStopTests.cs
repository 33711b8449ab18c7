using System.Reflection;
using DurableAgents.DurableTask.Worker;
using DurableTask.Core;

namespace DurableAgents.DurableTask.Tests.Worker;

/// <summary>The worker's view of the provider around a stop: nothing fetched is left in flight.</summary>
public sealed class WorkerStopTests
{
    [Fact]
    public async Task AnActivityFetchedAfterTheStopBegan_IsHandedBack_NotLeftInFlight()
    {
        // DTFx drops an activity work item whose fetch returns once its dispatcher stopped; the stop then waited out the
        // whole shutdown timeout for it (30 s in a test host).
        var inner = FakeProvider.Create(new TaskActivityWorkItem { Id = "a1" });
        var service = new WorkerOrchestrationService(inner, 10, 10);
        using var stopping = new CancellationTokenSource();
        stopping.Cancel();

        var fetched = await service.LockNextTaskActivityWorkItem(TimeSpan.FromSeconds(1), stopping.Token);

        Assert.Null(fetched);
        Assert.Equal(["a1"], ((FakeProvider)(object)inner).Abandoned);
        Assert.Equal(0, service.InFlightCount);
    }

    [Fact]
    public async Task AnActivityFetchedWhileRunning_IsInFlightUntilCompleted()
    {
        var inner = FakeProvider.Create(new TaskActivityWorkItem { Id = "a2" });
        var service = new WorkerOrchestrationService(inner, 10, 10);

        var fetched = await service.LockNextTaskActivityWorkItem(TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal("a2", fetched.Id);
        Assert.Equal(1, service.InFlightCount);
        await service.CompleteTaskActivityWorkItemAsync(fetched, new TaskMessage());
        Assert.Equal(0, service.InFlightCount);
        Assert.Empty(((FakeProvider)(object)inner).Abandoned);
    }

    /// <summary>A provider that hands out one activity work item and records what is abandoned.</summary>
    public class FakeProvider : DispatchProxy
    {
        private TaskActivityWorkItem? _next;

        public List<string> Abandoned { get; } = [];

        public static IOrchestrationService Create(TaskActivityWorkItem item)
        {
            var proxy = DispatchProxy.Create<IOrchestrationService, FakeProvider>();
            ((FakeProvider)(object)proxy)._next = item;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            "get_MaxConcurrentTaskOrchestrationWorkItems" => 10,
            "get_MaxConcurrentTaskActivityWorkItems" => 10,
            nameof(IOrchestrationService.LockNextTaskActivityWorkItem) => Task.FromResult(Interlocked.Exchange(ref _next, null)),
            nameof(IOrchestrationService.AbandonTaskActivityWorkItemAsync) => Record(((TaskActivityWorkItem)args![0]!).Id),
            nameof(IOrchestrationService.CompleteTaskActivityWorkItemAsync) => Task.CompletedTask,
            _ => throw new NotSupportedException(targetMethod?.Name),
        };

        private Task Record(string id)
        {
            Abandoned.Add(id);
            return Task.CompletedTask;
        }
    }
}
