using System.Globalization;
using System.Text.RegularExpressions;

namespace DurableAgents.Benchmarks.Tests;

/// <summary>A parsed result line: the standard fields and the extra key=value pairs.</summary>
internal sealed partial record BenchmarkOutput(string Backend, string Workload, int N, int Instances, double StepsPerSecond, double WallMs)
{
    public IReadOnlyDictionary<string, string> Extras { get; init; } = new Dictionary<string, string>();

    /// <summary>Parses one line; fails the test with the line when it does not have the documented shape.</summary>
    public static BenchmarkOutput Parse(string line)
    {
        var match = LinePattern().Match(line);
        Assert.True(match.Success, $"Not a benchmark result line: '{line}'");
        var extras = match.Groups["extra"].Captures
            .Select(c => c.Value.Trim().Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1]);
        return new BenchmarkOutput(
            match.Groups["backend"].Value,
            match.Groups["workload"].Value,
            int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["instances"].Value, CultureInfo.InvariantCulture),
            double.Parse(match.Groups["sps"].Value, CultureInfo.InvariantCulture),
            double.Parse(match.Groups["wall"].Value, CultureInfo.InvariantCulture)) { Extras = extras };
    }

    /// <summary>An extra figure as a number; fails the test when it is missing or not a number.</summary>
    public double Number(string key)
    {
        Assert.True(Extras.TryGetValue(key, out var text), $"The line has no {key}: {string.Join(' ', Extras.Keys)}");
        Assert.True(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value), $"{key}={text} is not a number.");
        return value;
    }

    [GeneratedRegex(@"^backend=(?<backend>\S+) workload=(?<workload>\S+) n=(?<n>\d+) instances=(?<instances>\d+) steps_per_s=(?<sps>\d+(\.\d+)?) wall_ms=(?<wall>\d+(\.\d+)?)(?<extra> [a-z0-9_]+=\S+)*$")]
    private static partial Regex LinePattern();
}
