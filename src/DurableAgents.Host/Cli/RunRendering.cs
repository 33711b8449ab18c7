using System.Globalization;
using DurableAgents.Api.Runs;
using DurableAgents.Host.Api.Runs;
using DurableAgents.Runs;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DurableAgents.Host.Cli;

/// <summary>
/// Spectre.Console views of runs for the CLI and the demo. Every value from the API (goals, replies, tool results) goes in as
/// <see cref="Text"/>, never as markup, so brackets in a model's reply are shown as they are.
/// </summary>
public static partial class RunRendering
{
    private const int Short = 90;

    /// <summary>The runs list.</summary>
    public static Table RunsTable(IEnumerable<RunResponse> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var table = new Table().Border(TableBorder.Rounded).Expand();
        foreach (var column in new[] { "Run", "Agent", "Status", "Outcome", "Started (UTC)", "Steps", "Tokens in/out", "Cost" })
        {
            table.AddColumn(new TableColumn(column) { NoWrap = column is "Run" or "Status" or "Steps" or "Cost" });
        }

        foreach (var run in runs)
        {
            table.AddRow(Plain(run.Id), Plain(run.Agent), Status(run), Plain(Outcome(run)), Plain(Time(run.CreatedTime)),
                Plain(run.Steps.ToString(CultureInfo.InvariantCulture)), Plain(Tokens(run.Usage)), Plain(Cost(run.Usage.CostUsd)));
        }

        return table;
    }

    /// <summary>Everything about one run: summary, steps, decisions, pending approvals and the answer.</summary>
    public static IRenderable RunView(RunResponse run, IReadOnlyList<RunStep> steps)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(steps);
        var parts = new List<IRenderable> { Summary(run), StepsTable(steps) };
        if (run.CustomStatus?.Decisions is { Count: > 0 } decisions)
        {
            parts.Add(DecisionsTable(decisions));
        }

        if (run.CustomStatus?.PendingApprovals is { Count: > 0 } pending)
        {
            parts.Add(PendingTable(pending));
        }

        if (run.Output is { } output)
        {
            parts.Add(new Panel(new Text(output.Answer ?? "(no answer)")).Header($"Answer ({output.Outcome})").Expand());
        }

        if (run.Failure is { } failure)
        {
            parts.Add(new Panel(new Text($"{failure.ErrorType}: {failure.ErrorMessage}")).Header("Failure").Expand());
        }

        return new Rows(parts);
    }

    /// <summary>The run's header: ids, status, outcome, usage.</summary>
    public static IRenderable Summary(RunResponse run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string label, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                grid.AddRow(new Text(label, new Style(Color.Grey)), new Text(value));
            }
        }

        Row("Run", run.Id);
        Row("Agent", run.Agent);
        Row("Status", run.RuntimeStatus + (run.CustomStatus?.Phase is { } phase ? $" ({phase})" : ""));
        Row("Outcome", run.Output is { } o ? o.Outcome + (o.Reason is { } reason ? $": {reason}" : "") : null);
        Row("Goal", Cut(run.Input, 300));
        Row("Started", Time(run.CreatedTime));
        Row("Steps", run.Steps.ToString(CultureInfo.InvariantCulture));
        Row("Tokens in/out", Tokens(run.Usage));
        Row("Cost", Cost(run.Usage.CostUsd));
        return new Panel(grid).Header("Run").Expand();
    }

    /// <summary>How a run ended, or what it is doing.</summary>
    public static string Outcome(RunResponse run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Output?.Outcome.ToString() ?? run.Failure?.ErrorType ?? run.CustomStatus?.Phase ?? "";
    }

    internal static string Cut(string? text, int max) => text is null ? "" : text.Length <= max ? text : text[..max] + "…";

    internal static string OneLine(string? text) => text is null ? "" : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    internal static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Tokens(UsageResponse usage) =>
        usage.InputTokens.ToString("N0", CultureInfo.InvariantCulture) + "/" + usage.OutputTokens.ToString("N0", CultureInfo.InvariantCulture);

    private static string Cost(decimal usd) => "$" + usd.ToString(usd != 0 && Math.Abs(usd) < 0.01m ? "0.0000" : "0.00", CultureInfo.InvariantCulture);

    private static Text Plain(string text) => new(text);

    private static Text Status(RunResponse run) => new(run.RuntimeStatus, new Style(run.RuntimeStatus switch
    {
        "Completed" => Color.Green,
        "Failed" or "Terminated" => Color.Red,
        "Suspended" => Color.Yellow,
        _ => run.CustomStatus?.PendingApprovals is { Count: > 0 } ? Color.Yellow : Color.Blue,
    }));
}
