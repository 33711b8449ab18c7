namespace DurableAgents.Benchmarks.Hosting;

/// <summary>
/// Workers and a client on one backend, at one level (the SDK worker and client, or plain DTFx): what a workload drives.
/// Disposing it stops the workers and removes what the backend created.
/// </summary>
internal interface IBenchmarkCluster : IAsyncDisposable
{
    /// <summary>Where the step activity stamps its completions (in this process).</summary>
    StepClock Clock { get; }

    /// <summary>Worker processes besides this one (the azure backend's further workers).</summary>
    int OtherProcesses { get; }

    /// <summary>CPU time used so far by this process and the worker processes it started.</summary>
    TimeSpan CpuTime { get; }

    /// <summary>Group commits of the SQLite provider so far; null on other backends.</summary>
    long? Commits { get; }

    /// <summary>Starts an instance of <paramref name="orchestration"/> and returns its id.</summary>
    Task<string> StartAsync(BenchmarkOrchestration orchestration, int input, CancellationToken cancellation);

    /// <summary>Raises the <c>go</c> event with <paramref name="value"/> on the instance.</summary>
    Task RaiseGoAsync(string instanceId, int value, CancellationToken cancellation);

    /// <summary>Waits until the instance's first episode has committed (it is running).</summary>
    Task WaitUntilRunningAsync(string instanceId, CancellationToken cancellation);

    /// <summary>Waits until the instance completes; throws unless it completed with <paramref name="expectedOutput"/>.</summary>
    Task WaitForOutputAsync(string instanceId, int expectedOutput, CancellationToken cancellation);
}
