using System.Globalization;

namespace DurableAgents.ScaleOutWorker;

/// <summary>The worker's command line (<c>--taskhub H --worker-id W --logs DIR [--step-delay-ms N]</c>) and connection.</summary>
public sealed record WorkerArguments(string ConnectionString, string TaskHub, string WorkerId, string LogFolder, TimeSpan StepDelay)
{
    /// <summary>The environment variable with the storage connection string (kept off the command line).</summary>
    public const string ConnectionVariable = "AzureWebJobsStorage";

    public const string Usage = "usage: DurableAgents.ScaleOutWorker --taskhub NAME --worker-id ID --logs DIR [--step-delay-ms N]; "
        + $"the connection string comes from {ConnectionVariable}.";

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> naming what is missing or wrong.</summary>
    public static WorkerArguments Parse(string[] args, string? connectionString)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected '--name value' pairs but found '{args[i]}'. {Usage}");
            }

            values[args[i][2..]] = args[i + 1];
        }

        var logs = Required(values, "logs");
        if (!Directory.Exists(logs))
        {
            throw new ArgumentException($"The log folder '{logs}' does not exist; create it before starting workers.");
        }

        var delay = values.TryGetValue("step-delay-ms", out var ms) ? int.Parse(ms, CultureInfo.InvariantCulture) : 20;
        return new WorkerArguments(
            string.IsNullOrWhiteSpace(connectionString) ? throw new ArgumentException($"{ConnectionVariable} is not set. {Usage}") : connectionString,
            Required(values, "taskhub"),
            Required(values, "worker-id"),
            logs,
            TimeSpan.FromMilliseconds(delay));
    }

    private static string Required(Dictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : throw new ArgumentException($"--{name} is required. {Usage}");
}
