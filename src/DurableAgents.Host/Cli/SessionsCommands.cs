using System.CommandLine;
using System.Globalization;
using DurableAgents.Api.Sessions;
using Spectre.Console;

namespace DurableAgents.Host.Cli;

/// <summary>The <c>sessions</c> command: <c>list</c> (newest first) and <c>show</c> (a session's latest turns with their runs).</summary>
internal static class SessionsCommands
{
    public static Command Create(CliContext context)
    {
        var (url, key) = RunsCommands.ConnectionOptions();
        var sessions = new Command("sessions", "List and show multi-turn sessions.") { url, key };
        HostApiClient Client(ParseResult p) => new(HostConnection.Resolve(p.GetValue(url), p.GetValue(key), context.Environment));
        sessions.Subcommands.Add(List(context, Client));
        sessions.Subcommands.Add(Show(context, Client));
        return sessions;
    }

    private static Command List(CliContext context, Func<ParseResult, HostApiClient> client)
    {
        var agent = new Option<string?>("--agent") { Description = "Only sessions with this agent." };
        var top = new Option<int>("--top") { Description = "How many sessions to show, newest first.", DefaultValueFactory = _ => 20 };
        top.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 1000) r.AddError("--top must be 1 to 1000."); });
        var command = new Command("list", "The newest sessions, with agent, phase, turns and last activity.") { agent, top };
        command.SetAction(async (p, ct) =>
        {
            using var api = client(p);
            var all = await api.ListSessionsAsync(ct);
            var shown = all.Where(s => p.GetValue(agent) is not { } name || s.Agent == name).Take(p.GetValue(top)).ToList();
            if (shown.Count == 0)
            {
                context.Console.WriteLine("No sessions match.");
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).Expand().Title("Sessions");
            table.AddColumn("Session").AddColumn("Agent").AddColumn("Status").AddColumn("Phase").AddColumn(new TableColumn("Turns").RightAligned()).AddColumn("Last activity (UTC)");
            foreach (var s in shown)
            {
                table.AddRow(Plain(s.SessionId), Plain(s.Agent), Plain(s.RuntimeStatus), Plain(s.Phase), Plain(s.TurnCount.ToString(CultureInfo.InvariantCulture)), Plain(Time(s.LastUpdatedAt)));
            }

            context.Console.Write(table);
            context.Console.WriteLine($"{shown.Count} of {all.Count} session(s), newest first.");
            return 0;
        });
        return command;
    }

    private static Command Show(CliContext context, Func<ParseResult, HostApiClient> client)
    {
        var id = new Argument<string>("id") { Description = "The session id." };
        var command = new Command("show", "A session: its agent and phase, and its latest turns with their runs and answers.") { id };
        command.SetAction(async (p, ct) =>
        {
            using var api = client(p);
            var session = await api.GetSessionAsync(p.GetValue(id)!, ct);
            context.Console.WriteLine($"Session {session.SessionId} with {session.Agent}: {session.RuntimeStatus}, {session.Phase}, {session.TurnCount} turn(s), "
                + $"created {Time(session.CreatedAt)}, last activity {Time(session.LastUpdatedAt)}.");
            context.Console.Write(TurnsTable(session));
            if (session.TurnCount > session.Turns.Count)
            {
                context.Console.WriteLine($"The latest {session.Turns.Count} turns are shown; 'runs show RUN_ID' shows any turn's run.");
            }

            return 0;
        });
        return command;
    }

    private static Table TurnsTable(SessionResponse session)
    {
        var table = new Table().Border(TableBorder.Rounded).Expand().Title("Turns");
        table.AddColumn(new TableColumn("Turn").RightAligned()).AddColumn("Message").AddColumn("Run").AddColumn("Status").AddColumn("Answer");
        foreach (var t in session.Turns)
        {
            table.AddRow(Plain(t.Turn.ToString(CultureInfo.InvariantCulture)), Plain(t.MessageId), Plain(t.RunId), Plain(t.Status), Plain(RunRendering.Cut(RunRendering.OneLine(t.Answer), 90)));
        }

        if (session.Turns.Count == 0)
        {
            table.AddRow(Plain(""), Plain("(no turn yet)"), Plain(""), Plain(""), Plain(""));
        }

        return table;
    }

    private static string Time(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static Text Plain(string text) => new(text);
}
