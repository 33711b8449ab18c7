using System.Diagnostics;

namespace DurableAgents.Benchmarks.Hosting;

/// <summary>When each step of a stamped run completed, indexed by step; unarmed (no stamps kept) until <see cref="Reset"/>.</summary>
internal sealed class StepClock
{
    private long[] _stamps = [];

    /// <summary>Keeps the completion times of steps 0 to <paramref name="steps"/> - 1 from now on.</summary>
    public void Reset(int steps) => Volatile.Write(ref _stamps, new long[steps]);

    /// <summary>Records that <paramref name="step"/> ran now; ignored outside the armed range.</summary>
    public void Record(int step)
    {
        var stamps = Volatile.Read(ref _stamps);
        if ((uint)step < (uint)stamps.Length)
        {
            stamps[step] = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>Milliseconds per step between the completions of step <paramref name="from"/> and step <paramref name="to"/>.</summary>
    public double MsPerStep(int from, int to)
    {
        var stamps = Volatile.Read(ref _stamps);
        if (stamps[from] == 0 || stamps[to] == 0)
        {
            throw new InvalidOperationException($"Step {from} or {to} was not stamped: the run did not execute in this process.");
        }

        return Stopwatch.GetElapsedTime(stamps[from], stamps[to]).TotalMilliseconds / (to - from);
    }
}
