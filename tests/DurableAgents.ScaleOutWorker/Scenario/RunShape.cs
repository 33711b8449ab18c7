namespace DurableAgents.ScaleOutWorker.Scenario;

/// <summary>
/// The shape of one agent-style run and the result each of its steps must return. Compiled into the worker and (linked) into
/// the tests, so both compute the same expected values.
/// </summary>
public static class RunShape
{
    /// <summary>The orchestrator's name.</summary>
    public const string Orchestrator = "AgentStyleRun";

    /// <summary>The activity's name.</summary>
    public const string Activity = "AgentStep";

    /// <summary>Sequential "model" steps before the fan-out.</summary>
    public const int Leading = 5;

    /// <summary>Parallel "tool" calls in the fan-out.</summary>
    public const int FanOut = 10;

    /// <summary>Sequential steps after the fan-in.</summary>
    public const int Trailing = 3;

    /// <summary>Activity calls per run.</summary>
    public const int Steps = Leading + FanOut + Trailing;

    private const long Modulus = 1_000_000_007;

    /// <summary>The instance id of run <paramref name="run"/>.</summary>
    public static string InstanceId(int run) => $"run-{run:D3}";

    /// <summary>The idempotency key of one step: what the side-effect log records.</summary>
    public static string Key(string instanceId, int step) => $"{instanceId}/{step}";

    /// <summary>What step <paramref name="step"/> of run <paramref name="run"/> returns when given <paramref name="previous"/>.</summary>
    public static long Mix(int run, int step, long previous) => ((previous * 31) + (run * 1000L) + step + 1) % Modulus;

    /// <summary>What the trailing steps start from: the fan-out's results combined.</summary>
    public static long FanIn(ReadOnlySpan<long> results)
    {
        long sum = 0;
        foreach (var result in results)
        {
            sum = (sum + result) % Modulus;
        }

        return sum;
    }

    /// <summary>Every step's result of run <paramref name="run"/>, in step order: the chain the orchestrator must reproduce.</summary>
    public static long[] ExpectedResults(int run)
    {
        var results = new long[Steps];
        long previous = 0;
        for (var step = 0; step < Leading; step++)
        {
            previous = results[step] = Mix(run, step, previous);
        }

        for (var step = Leading; step < Leading + FanOut; step++)
        {
            results[step] = Mix(run, step, previous);
        }

        previous = FanIn(results.AsSpan(Leading, FanOut));
        for (var step = Leading + FanOut; step < Steps; step++)
        {
            previous = results[step] = Mix(run, step, previous);
        }

        return results;
    }
}
