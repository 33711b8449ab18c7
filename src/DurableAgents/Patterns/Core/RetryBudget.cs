namespace DurableAgents.Patterns;

/// <summary>
/// A count of retries a pattern may still spend (invalid structured output fed back, a failed stage tried again). Orchestrator
/// state: rebuilt by replay, carried in a continuation by its <see cref="Used"/> count.
/// </summary>
public sealed class RetryBudget
{
    /// <summary>Creates a budget of <paramref name="limit"/> retries, <paramref name="used"/> of them spent already.</summary>
    public RetryBudget(int limit, int used = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ArgumentOutOfRangeException.ThrowIfNegative(used);
        Limit = limit;
        Used = used;
    }

    /// <summary>How many retries the budget allows.</summary>
    public int Limit { get; }

    /// <summary>How many were spent.</summary>
    public int Used { get; private set; }

    /// <summary>How many are left.</summary>
    public int Remaining => Math.Max(0, Limit - Used);

    /// <summary>Spends one retry; false (and nothing spent) when none is left.</summary>
    public bool TrySpend()
    {
        if (Used >= Limit)
        {
            return false;
        }

        Used++;
        return true;
    }

    /// <summary>"used of limit", for reports.</summary>
    public override string ToString() => $"{Used} of {Limit}";
}
