using System.Globalization;
using DurableAgents.Runs;
using Spectre.Console;

namespace DurableAgents.Host.Cli;

/// <summary>The tables of a run's view: steps, approval decisions, pending approvals.</summary>
public static partial class RunRendering
{
    /// <summary>The steps: model, tokens, reply, and each tool call with its status and result.</summary>
    public static Table StepsTable(IReadOnlyList<RunStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var table = new Table().Border(TableBorder.Rounded).Expand().Title("Steps");
        table.AddColumn(new TableColumn("Step").RightAligned()).AddColumn("Model").AddColumn("Tokens in/out").AddColumn("Reply").AddColumn("Tool calls");
        foreach (var step in steps)
        {
            var calls = step.Calls.Count == 0
                ? "-"
                : string.Join('\n', step.Calls.Select(c => $"{c.Tool}({Cut(OneLine(c.Arguments), 60)}) -> {c.Status}{(c.Result.Length > 0 ? ": " + Cut(OneLine(c.Result), 70) : "")}"));
            table.AddRow(Plain(step.Number.ToString(CultureInfo.InvariantCulture)), Plain(step.Model ?? "-"), Plain(step.Usage is { } u ? Tokens(u) : "-"),
                Plain(Cut(OneLine(step.Reply), Short)), Plain(calls));
        }

        if (steps.Count == 0)
        {
            table.AddRow(Plain(""), Plain("(no step yet)"), Plain(""), Plain(""), Plain(""));
        }

        return table;
    }

    /// <summary>The approval decisions the run applied: who, what, when, why.</summary>
    public static Table DecisionsTable(IEnumerable<ApprovalRecord> decisions)
    {
        var table = new Table().Border(TableBorder.Rounded).Expand().Title("Approval decisions");
        table.AddColumn("When (UTC)").AddColumn("Decision").AddColumn("By").AddColumn("Calls").AddColumn("Comment");
        foreach (var d in decisions)
        {
            table.AddRow(Plain(Time(d.DecidedAt)), Plain(d.Approved ? "approved" : "rejected"), Plain(d.Approver ?? "a human"),
                Plain(string.Join(", ", d.CallIds)), Plain(d.Comment ?? ""));
        }

        return table;
    }

    /// <summary>The calls waiting for a human.</summary>
    public static Table PendingTable(IEnumerable<PendingApproval> pending)
    {
        var table = new Table().Border(TableBorder.Rounded).Expand().Title("Waiting for approval");
        table.AddColumn("Call").AddColumn("Tool").AddColumn("Arguments").AddColumn("Why");
        foreach (var p in pending)
        {
            table.AddRow(Plain(p.CallId), Plain($"{p.Tool} [{p.Permission}]"), Plain(Cut(p.Arguments.GetRawText(), 120)), Plain(p.Reason));
        }

        return table;
    }
}
