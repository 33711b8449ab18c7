using System.Globalization;
using System.Text;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>One result, printed as a single line: <c>backend=B workload=W n=N instances=K steps_per_s=X wall_ms=Y [key=value ...]</c>.</summary>
internal sealed record BenchmarkLine(string Backend, string Workload, int N, int Instances, long Steps, TimeSpan Wall)
{
    /// <summary>Extra key=value pairs after the standard ones.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Extras { get; init; } = [];

    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var stepsPerSecond = Steps / Math.Max(Wall.TotalSeconds, 1e-9);
        var line = new StringBuilder()
            .Append(inv, $"backend={Backend} workload={Workload} n={N} instances={Instances} ")
            .Append(inv, $"steps_per_s={stepsPerSecond:F1} wall_ms={Wall.TotalMilliseconds:F1}");
        foreach (var (key, value) in Extras)
        {
            line.Append(' ').Append(key).Append('=').Append(value);
        }

        return line.ToString();
    }

    /// <summary>A value formatted for a line (invariant culture).</summary>
    public static string Format(double value, string format = "F1") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The 1-minute load average (Linux), so each figure carries how busy the machine was; "n/a" elsewhere.</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }
}
