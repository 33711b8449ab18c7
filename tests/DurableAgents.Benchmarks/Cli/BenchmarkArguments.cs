using System.Globalization;

namespace DurableAgents.Benchmarks.Cli;

/// <summary>The parsed command line. Null numbers mean "use the workload's default".</summary>
internal sealed record BenchmarkArguments(
    string Backend,
    string Workload,
    string Level,
    int? N,
    int? Instances,
    int Workers,
    int Rounds,
    bool Quick,
    string? DataPath,
    string? Connection)
{
    public const int DefaultRounds = 5;

    public static readonly string[] Backends = ["sqlite", "memory", "azure"];

    public static readonly string[] Workloads = ["sequential", "fanout", "wait-resume", "long-sequential", "waiting", "agent-loop", "all"];

    public static readonly string[] Levels = ["sdk", "dtfx"];

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> naming the bad argument and the fix.</summary>
    public static BenchmarkArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? backend = null, workload = null, level = null, data = null, connection = null;
        int? n = null, instances = null, workers = null, rounds = null;
        var quick = false;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            switch (name)
            {
                // "file" named the old engine's embedded backend; SQLite is its successor.
                case "--backend": backend = Choice(name, Value(args, ref i), [.. Backends, "file"]).Replace("file", "sqlite", StringComparison.Ordinal); break;
                case "--workload": workload = Choice(name, Value(args, ref i), Workloads); break;
                case "--level": level = Choice(name, Value(args, ref i), Levels); break;
                case "--n": n = Positive(name, Value(args, ref i), max: 1_000_000); break;
                case "--instances": instances = Positive(name, Value(args, ref i), max: 100_000); break;
                case "--workers": workers = Positive(name, Value(args, ref i), max: 16); break;
                case "--rounds": rounds = Positive(name, Value(args, ref i), max: 100); break;
                case "--quick": quick = true; break;
                case "--data": data = Value(args, ref i); break;
                case "--connection": connection = Value(args, ref i); break;
                default:
                    throw new ArgumentException($"Unknown argument '{name}'. Run with --help to see the accepted arguments.");
            }
        }

        var parsed = new BenchmarkArguments(
            backend ?? throw new ArgumentException($"Missing --backend; use one of: {string.Join(", ", Backends)}."),
            workload ?? throw new ArgumentException($"Missing --workload; use one of: {string.Join(", ", Workloads)}."),
            level ?? "sdk", n, instances, workers ?? 1, quick ? 1 : rounds ?? DefaultRounds, quick, data, connection);
        parsed.Validate();
        return parsed;
    }

    private void Validate()
    {
        if (DataPath is not null && Backend != "sqlite")
        {
            throw new ArgumentException("--data only applies to --backend sqlite.");
        }

        if (Connection is not null && Backend != "azure")
        {
            throw new ArgumentException("--connection only applies to --backend azure.");
        }

        if (Workers > 1 && Backend != "azure")
        {
            throw new ArgumentException(
                "--workers applies to --backend azure only (a SQLite file belongs to one process; the memory provider lives in one).");
        }

        if (Level == "dtfx" && Backend == "azure")
        {
            throw new ArgumentException("--level dtfx runs on --backend sqlite or memory; on azure use the default --level sdk.");
        }

        if (Level == "dtfx" && Workload == "agent-loop")
        {
            throw new ArgumentException("agent-loop runs the SDK's agent-run orchestration; drop --level dtfx.");
        }

        if (Workload == "agent-loop" && Backend != "sqlite")
        {
            throw new ArgumentException("agent-loop measures the SQLite provider and conversation store: use --backend sqlite.");
        }
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

    private static int Positive(string name, string value, int max)
    {
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            throw new ArgumentException($"{name} must be a whole number, got '{value}'.");
        }

        return number >= 1 && number <= max ? number : throw new ArgumentException($"{name} must be between 1 and {max}, got {number}.");
    }
}
