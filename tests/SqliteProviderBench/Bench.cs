using System.Diagnostics;
using System.Globalization;
using DurableTask.Core;

namespace SqliteProviderBench;

/// <summary>The workloads; each measures after a warm-up round and reports the median of the rounds.</summary>
sealed class Bench(BenchRun run, Options options)
{
    static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    int round;

    public async Task RunAsync(string workload)
    {
        switch (workload)
        {
            case "sequential":
                await MeasureAsync("sequential", options.N ?? 100, options.Instances ?? 1, (n, k) => SequentialAsync(n, k));
                break;
            case "sequential20":
                await MeasureAsync("sequential", options.N ?? 100, options.Instances ?? 20, (n, k) => SequentialAsync(n, k));
                break;
            case "fanout":
                await MeasureAsync("fanout", options.N ?? 1000, 1, (n, _) => FanOutAsync(n));
                break;
            case "events":
                await MeasureAsync("wait-resume", options.N ?? 100, 1, (n, _) => EventsAsync(n));
                break;
            case "drift":
                await DriftAsync(options.N ?? 1000);
                break;
            case "waiting":
                await WaitingAsync(options.N ?? 10_000);
                break;
            default:
                throw new ArgumentException($"Unknown workload '{workload}'.");
        }
    }

    async Task MeasureAsync(string name, int n, int instances, Func<int, int, Task<TimeSpan>> once)
    {
        await once(n, instances);
        long commitsBefore = run.Commits;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var times = new List<TimeSpan>();
        for (int i = 0; i < options.Rounds; i++)
        {
            times.Add(await once(n, instances));
        }

        double cpuUsPerStep = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMicroseconds / (n * (double)instances * times.Count);
        var median = times.Order().ElementAt(times.Count / 2);
        double stepsPerSecond = n * (double)instances / median.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"backend={run.Backend} workload={name} n={n} instances={instances} steps_per_s={stepsPerSecond:F0} wall_ms={median.TotalMilliseconds:F1} rounds_ms=[{string.Join(",", times.Select(t => t.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture)))}] commits_per_step={(run.Commits - commitsBefore) / (n * (double)instances * times.Count):F2} cpu_us_per_step={cpuUsPerStep:F0}"));
    }

    async Task<TimeSpan> SequentialAsync(int n, int instances)
    {
        var ids = Enumerable.Range(0, instances).Select(i => $"seq-{round++}-{i}").ToList();
        var clock = Stopwatch.StartNew();
        var created = await Task.WhenAll(ids.Select(id => run.Client.CreateOrchestrationInstanceAsync(typeof(SequentialSteps), id, n)));
        await WaitAllAsync(created, expected: n.ToString(CultureInfo.InvariantCulture));
        return clock.Elapsed;
    }

    async Task<TimeSpan> FanOutAsync(int n)
    {
        var clock = Stopwatch.StartNew();
        var instance = await run.Client.CreateOrchestrationInstanceAsync(typeof(FanOutSteps), $"fan-{round++}", n);
        await WaitAllAsync([instance], expected: n.ToString(CultureInfo.InvariantCulture));
        return clock.Elapsed;
    }

    /// <summary>n instances wait for an event; measured from the first raise until all have completed.</summary>
    async Task<TimeSpan> EventsAsync(int n)
    {
        var instances = await StartWaitersAsync(n, $"ev-{round++}");
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(instances.Select(i => run.Client.RaiseEventAsync(i, "go", "ok")));
        await WaitAllAsync(instances, expected: "\"ok\"");
        return clock.Elapsed;
    }

    /// <summary>One instance of n steps, run 1 + rounds times: the median time per step over the first and the last 100.</summary>
    async Task DriftAsync(int n)
    {
        var firsts = new List<double>();
        var lasts = new List<double>();
        var totals = new List<double>();
        for (int i = 0; i <= options.Rounds; i++)
        {
            Step.Stamps = new long[n];
            var instance = await run.Client.CreateOrchestrationInstanceAsync(typeof(SequentialSteps), $"drift-{round++}", n);
            await WaitAllAsync([instance], expected: n.ToString(CultureInfo.InvariantCulture));
            var stamps = Step.Stamps;
            if (i > 0)
            {
                firsts.Add(Stopwatch.GetElapsedTime(stamps[0], stamps[100]).TotalMilliseconds / 100);
                lasts.Add(Stopwatch.GetElapsedTime(stamps[n - 101], stamps[n - 1]).TotalMilliseconds / 100);
                totals.Add(Stopwatch.GetElapsedTime(stamps[0], stamps[n - 1]).TotalSeconds);
            }
        }

        double first = Median(firsts), last = Median(lasts), total = Median(totals);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"backend={run.Backend} workload=drift n={n} instances=1 steps_per_s={n / total:F0} wall_ms={total * 1000:F1} first100_ms_per_step={first:F3} last100_ms_per_step={last:F3} ratio={last / first:F2} rounds={firsts.Count}"));
    }

    static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>n instances waiting for an event at once: memory while they wait, then raising the event to all.</summary>
    async Task WaitingAsync(int n)
    {
        var start = Stopwatch.StartNew();
        var instances = await StartWaitersAsync(n, "wait");
        double startSeconds = start.Elapsed.TotalSeconds;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long managed = GC.GetTotalMemory(forceFullCollection: true);
        long workingSet = Process.GetCurrentProcess().WorkingSet64;
        var clock = Stopwatch.StartNew();
        await ForEachAsync(instances, i => run.Client.RaiseEventAsync(i, "go", "ok"));
        await WaitAllAsync(instances, expected: "\"ok\"");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"backend={run.Backend} workload=waiting n={n} instances={n} steps_per_s={n / clock.Elapsed.TotalSeconds:F0} wall_ms={clock.Elapsed.TotalMilliseconds:F1} start_all_s={startSeconds:F1} managed_mb={managed / 1048576.0:F0} working_set_mb={workingSet / 1048576.0:F0}"));
    }

    async Task<List<OrchestrationInstance>> StartWaitersAsync(int n, string prefix)
    {
        var instances = new OrchestrationInstance[n];
        await ForEachAsync(Enumerable.Range(0, n), async i => instances[i] = await run.Client.CreateOrchestrationInstanceAsync(typeof(WaitForGo), $"{prefix}-{i}", 0));
        foreach (var instance in instances)
        {
            while ((await run.Client.GetOrchestrationStateAsync(instance.InstanceId))?.OrchestrationStatus != OrchestrationStatus.Running)
            {
                await Task.Delay(5);
            }
        }

        return [.. instances];
    }

    async Task WaitAllAsync(IEnumerable<OrchestrationInstance> instances, string expected)
    {
        foreach (var instance in instances)
        {
            var state = await run.Client.WaitForOrchestrationAsync(instance, Timeout);
            if (state?.OrchestrationStatus != OrchestrationStatus.Completed || state.Output != expected)
            {
                throw new InvalidOperationException($"{instance.InstanceId} ended {state?.OrchestrationStatus} with '{state?.Output}', expected '{expected}'.");
            }
        }
    }

    static Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> body) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (item, _) => await body(item));
}
