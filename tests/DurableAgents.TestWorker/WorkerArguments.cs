namespace DurableAgents.TestWorker;

/// <summary>Command-line settings of the test worker.</summary>
public sealed record WorkerArguments
{
    public string Backend { get; init; } = "file";

    public string? DataPath { get; init; }

    public string? SideEffectsPath { get; init; }

    public int StepDelayMs { get; init; } = 20;

    public Dictionary<string, string> Extra { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public static WorkerArguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected an option like --backend, got '{args[i]}'.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        return new WorkerArguments
        {
            Backend = values.GetValueOrDefault("backend", "file"),
            DataPath = values.GetValueOrDefault("data"),
            SideEffectsPath = values.GetValueOrDefault("side-effects"),
            StepDelayMs = int.Parse(values.GetValueOrDefault("step-delay-ms", "20"), System.Globalization.CultureInfo.InvariantCulture),
            Extra = values,
        };
    }
}
