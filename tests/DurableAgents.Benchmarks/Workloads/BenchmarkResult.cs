using System.Globalization;
using System.Text;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>One measured result, printed as a single key=value line.</summary>
internal sealed record BenchmarkResult(string Workload, int N, int Instances, long Steps, TimeSpan Wall)
{
    /// <summary>Extra key=value pairs appended after the standard ones.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Extras { get; init; } = [];

    public string Format(string backend)
    {
        var inv = CultureInfo.InvariantCulture;
        var stepsPerSecond = Steps / Math.Max(Wall.TotalSeconds, 1e-9);
        var line = new StringBuilder()
            .Append(inv, $"backend={backend} workload={Workload} n={N} instances={Instances} ")
            .Append(inv, $"steps_per_s={stepsPerSecond:F1} wall_ms={Wall.TotalMilliseconds:F1}");
        foreach (var (key, value) in Extras)
        {
            line.Append(' ').Append(key).Append('=').Append(value);
        }

        return line.ToString();
    }
}
