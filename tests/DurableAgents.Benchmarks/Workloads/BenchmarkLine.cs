using System.Globalization;
using System.Text;
using DurableAgents.Benchmarks.Targets;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>
/// One result, printed as a single line: <c>backend=B workload=W n=N instances=K steps_per_s=X wall_ms=Y [key=value ...]</c>, ending
/// with <c>target=... result=pass|miss</c> (or <c>target=none</c>).
/// </summary>
internal sealed record BenchmarkLine(string Backend, string Workload, int N, int Instances, long Steps, TimeSpan Wall)
{
    /// <summary>Extra key=value pairs after the standard ones.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Extras { get; init; } = [];

    /// <summary>The targets the line's figures are checked against (<see cref="WorkloadTargets"/>).</summary>
    public IReadOnlyList<Target> Targets { get; init; } = [];

    private double StepsPerSecond => Steps / Math.Max(Wall.TotalSeconds, 1e-9);

    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        var line = new StringBuilder()
            .Append(inv, $"backend={Backend} workload={Workload} n={N} instances={Instances} ")
            .Append(inv, $"steps_per_s={StepsPerSecond:F1} wall_ms={Wall.TotalMilliseconds:F1}");
        foreach (var (key, value) in Extras)
        {
            line.Append(' ').Append(key).Append('=').Append(value);
        }

        return AppendVerdict(line).ToString();
    }

    /// <summary>Appends the targets and whether the printed figures meet them; <c>missed=</c> names the figures that did not.</summary>
    private StringBuilder AppendVerdict(StringBuilder line)
    {
        if (Targets.Count == 0)
        {
            return line.Append(" target=none");
        }

        var missed = Targets.Where(t => !t.IsMetBy(Figure(t.Figure))).Select(t => t.Figure).ToList();
        line.Append(" target=").AppendJoin(',', Targets).Append(" result=").Append(missed.Count == 0 ? "pass" : "miss");
        return missed.Count == 0 ? line : line.Append(" missed=").AppendJoin(',', missed);
    }

    /// <summary>A figure of this line as printed (the rounding a reader sees is the one checked).</summary>
    private double Figure(string name)
    {
        var text = name switch
        {
            "steps_per_s" => Format(StepsPerSecond),
            "wall_ms" => Format(Wall.TotalMilliseconds),
            _ => Extras.FirstOrDefault(e => e.Key == name).Value
                ?? throw new InvalidOperationException($"The {Workload} line has no figure '{name}' for its target."),
        };
        return double.Parse(text, CultureInfo.InvariantCulture);
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
