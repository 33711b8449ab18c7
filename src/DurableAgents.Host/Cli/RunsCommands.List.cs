using System.CommandLine;
using System.Globalization;
using DurableAgents.Api.Runs;
using DurableAgents.Host.Api.Runs;
using Spectre.Console;

namespace DurableAgents.Host.Cli;

/// <summary><c>runs list</c>: the API pages oldest first, so the newest runs need a full read of what the filters select.</summary>
internal static partial class RunsCommands
{
    private const int ReadCap = 2000;

    private static Command List(CliContext context, Func<ParseResult, HostApiClient> client)
    {
        var status = new Option<string?>("--status") { Description = "Pending, Running, Suspended, Completed, Failed or Terminated (comma-separated)." };
        var agent = new Option<string?>("--agent") { Description = "Only runs of this agent." };
        var since = new Option<string?>("--since") { Description = "Only runs started since: a time (2026-12-01T09:00Z) or an age (30m, 6h, 7d)." };
        var prefix = new Option<string?>("--prefix") { Description = "Only runs whose id starts with this." };
        var user = new Option<string?>("--user") { Description = "Only runs for this user." };
        var session = new Option<string?>("--session") { Description = "Only the turns of this session." };
        var top = new Option<int>("--top") { Description = "How many runs to show, newest first.", DefaultValueFactory = _ => 20 };
        top.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 1000) r.AddError("--top must be 1 to 1000."); });
        var command = new Command("list", "The newest runs, with status, steps, tokens, cost and outcome.") { status, agent, since, prefix, user, session, top };
        command.SetAction(async (p, ct) =>
        {
            using var api = client(p);
            var from = Since(p.GetValue(since), DateTimeOffset.UtcNow);
            var filters = new Dictionary<string, string?>
            {
                ["runtimeStatus"] = p.GetValue(status),
                ["agent"] = p.GetValue(agent),
                ["user"] = p.GetValue(user),
                ["session"] = p.GetValue(session),
                ["createdFrom"] = from?.ToString("o", CultureInfo.InvariantCulture),
            };
            var runs = await ReadRunsAsync(api, filters, ct);
            var shown = runs.Where(r => p.GetValue(prefix) is not { } pre || r.Id.StartsWith(pre, StringComparison.Ordinal))
                .OrderByDescending(r => r.CreatedTime).ThenByDescending(r => r.Id, StringComparer.Ordinal).Take(p.GetValue(top)).ToList();
            if (shown.Count == 0)
            {
                context.Console.WriteLine("No runs match.");
                return 0;
            }

            context.Console.Write(RunRendering.RunsTable(shown));
            context.Console.WriteLine($"{shown.Count} of {runs.Count} run(s) read, newest first.");
            return 0;
        });
        return command;
    }

    /// <summary>The runs the API's filters select, up to a cap (the API pages oldest first, so the newest need a full read).</summary>
    private static async Task<List<RunResponse>> ReadRunsAsync(HostApiClient api, Dictionary<string, string?> filters, CancellationToken ct)
    {
        var runs = new List<RunResponse>();
        string? token = null;
        do
        {
            var query = new List<string> { "top=200" };
            foreach (var (name, value) in filters)
            {
                Add(query, name, value);
            }

            Add(query, "continuationToken", token);
            var page = await api.ListRunsAsync("?" + string.Join('&', query), ct);
            runs.AddRange(page.Runs);
            token = page.ContinuationToken;
        }
        while (token is not null && runs.Count < ReadCap);
        return runs;
    }

    private static void Add(List<string> query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Add($"{name}={Uri.EscapeDataString(value)}");
        }
    }

    /// <summary>A time, or an age (30m, 6h, 7d) before <paramref name="now"/>; null when not given.</summary>
    internal static DateTimeOffset? Since(string? text, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (text.Length > 1 && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            switch (text[^1])
            {
                case 'm': return now.AddMinutes(-amount);
                case 'h': return now.AddHours(-amount);
                case 'd': return now.AddDays(-amount);
            }
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new CliException($"--since '{text}' is neither a time (2026-12-01T09:00Z) nor an age (30m, 6h, 7d).");
    }
}
