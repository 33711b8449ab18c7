using System.Globalization;

namespace DurableAgents.Benchmarks.Targets;

/// <summary>How a measured figure must relate to its target value.</summary>
internal enum Bound
{
    /// <summary>The figure must be at least the value (throughput).</summary>
    AtLeast,

    /// <summary>The figure must be at most the value (ratios).</summary>
    AtMost,

    /// <summary>The figure must be below the value (times, memory).</summary>
    Below,
}

/// <summary>A figure of a result line and the value it must reach on this machine; <paramref name="Source"/> says where it comes from.</summary>
internal sealed record Target(string Figure, Bound Bound, double Value, string Source)
{
    /// <summary>Whether <paramref name="measured"/> (the line's median) meets the target.</summary>
    public bool IsMetBy(double measured) => Bound switch
    {
        Bound.AtLeast => measured >= Value,
        Bound.AtMost => measured <= Value,
        _ => measured < Value,
    };

    /// <summary>The target as it appears in a line, for example <c>steps_per_s&gt;=1500</c>.</summary>
    public override string ToString()
    {
        var relation = Bound switch
        {
            Bound.AtLeast => ">=",
            Bound.AtMost => "<=",
            _ => "<",
        };
        return Figure + relation + Value.ToString("0.###", CultureInfo.InvariantCulture);
    }
}
