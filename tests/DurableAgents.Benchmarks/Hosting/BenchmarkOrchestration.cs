namespace DurableAgents.Benchmarks.Hosting;

/// <summary>The orchestrations the workloads start; each level (SDK, DTFx) registers its own implementation of each.</summary>
internal enum BenchmarkOrchestration
{
    /// <summary>Calls the step activity N times in sequence, each on the previous result; returns N.</summary>
    Sequential,

    /// <summary>Calls the step activity N times at once and awaits them all; returns N.</summary>
    Fanout,

    /// <summary>Waits for the <c>go</c> event and returns its value.</summary>
    WaitForGo,
}
