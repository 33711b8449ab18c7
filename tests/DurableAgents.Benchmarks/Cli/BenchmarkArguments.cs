namespace DurableAgents.Benchmarks.Cli;

/// <summary>The parsed command line. Null numbers mean "use the workload's default".</summary>
internal sealed record BenchmarkArguments(
    string Backend,
    string Workload,
    int? N,
    int? Instances,
    int Workers,
    string? DataPath,
    string? Connection)
{
    public static readonly string[] Backends = ["memory", "file", "azure"];

    public static readonly string[] Workloads = ["sequential", "long-sequential", "fanout", "wait-resume", "agent-loop", "all"];

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> naming the bad argument and the fix.</summary>
    public static BenchmarkArguments Parse(IReadOnlyList<string> args)
    {
        string? backend = null, workload = null, data = null, connection = null;
        int? n = null, instances = null, workers = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            switch (name)
            {
                case "--backend": backend = Choice(name, Value(args, ref i), Backends); break;
                case "--workload": workload = Choice(name, Value(args, ref i), Workloads); break;
                case "--n": n = Positive(name, Value(args, ref i)); break;
                case "--instances": instances = Positive(name, Value(args, ref i)); break;
                case "--workers": workers = Positive(name, Value(args, ref i)); break;
                case "--data": data = Value(args, ref i); break;
                case "--connection": connection = Value(args, ref i); break;
                default:
                    throw new ArgumentException($"Unknown argument '{name}'. Run with --help to see the accepted arguments.");
            }
        }

        if (backend is null)
        {
            throw new ArgumentException($"Missing --backend; use one of: {string.Join(", ", Backends)}.");
        }

        if (workload is null)
        {
            throw new ArgumentException($"Missing --workload; use one of: {string.Join(", ", Workloads)}.");
        }

        if (data is not null && backend != "file")
        {
            throw new ArgumentException("--data only applies to --backend file.");
        }

        if (connection is not null && backend != "azure")
        {
            throw new ArgumentException("--connection only applies to --backend azure.");
        }

        return new BenchmarkArguments(backend, workload, n, instances, workers ?? 1, data, connection);
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{args[i]} needs a value after it.");
        }

        return args[++i];
    }

    private static string Choice(string name, string value, string[] allowed)
    {
        var lower = value.ToLowerInvariant();
        return allowed.Contains(lower)
            ? lower
            : throw new ArgumentException($"Unknown value '{value}' for {name}; use one of: {string.Join(", ", allowed)}.");
    }

    private static int Positive(string name, string value)
    {
        if (!int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            throw new ArgumentException($"{name} must be a whole number, got '{value}'.");
        }

        return number >= 1 ? number : throw new ArgumentException($"{name} must be 1 or more, got {number}.");
    }
}
