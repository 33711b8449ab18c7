using System.CommandLine;
using System.Globalization;
using DurableAgents.Api.Runs;
using DurableAgents.Host.Api.Runs;
using Spectre.Console;

namespace DurableAgents.Host.Cli;

/// <summary>The <c>runs</c> command and its verbs.</summary>
internal static partial class RunsCommands
{
    public static Command Create(CliContext context)
    {
        var (url, key) = ConnectionOptions();
        var runs = new Command("runs", "List, show, approve and reject agent runs.") { url, key };
        HostApiClient Client(ParseResult p) => new(HostConnection.Resolve(p.GetValue(url), p.GetValue(key), context.Environment));
        runs.Subcommands.Add(List(context, Client));
        runs.Subcommands.Add(Show(context, Client));
        runs.Subcommands.Add(Decide(context, Client, approve: true));
        runs.Subcommands.Add(Decide(context, Client, approve: false));
        return runs;
    }

    /// <summary>The --url and --key options every host command takes (on the command and its verbs).</summary>
    internal static (Option<string?> Url, Option<string?> Key) ConnectionOptions() => (
        new Option<string?>("--url") { Description = $"The host's address (default: {HostConnection.UrlVariable}, else http://localhost:7071).", Recursive = true },
        new Option<string?>("--key") { Description = $"The API key (better: set {HostConnection.KeyVariable}; a key on the command line shows in the process list).", Recursive = true });

    private static Command Show(CliContext context, Func<ParseResult, HostApiClient> client)
    {
        var id = new Argument<string>("id") { Description = "The run id." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep showing the run's steps as they happen, until it ends (Ctrl+C to stop)." };
        var command = new Command("show", "A run: summary, steps (model calls and tool calls), approvals and answer.") { id, follow };
        command.SetAction(async (p, ct) =>
        {
            using var api = client(p);
            var follower = new RunFollower(api, context.Console);
            if (p.GetValue(follow))
            {
                await follower.FollowAsync(p.GetValue(id)!, onChange: null, ct);
            }
            else
            {
                await follower.ShowAsync(p.GetValue(id)!, ct);
            }

            return 0;
        });
        return command;
    }

    private static Command Decide(CliContext context, Func<ParseResult, HostApiClient> client, bool approve)
    {
        var id = new Argument<string>("id") { Description = "The run id." };
        var calls = new Option<string[]>("--call") { Description = "A call id to decide (repeat for more); all pending calls when omitted.", AllowMultipleArgumentsPerToken = true };
        var comment = new Option<string?>("--comment", "-m") { Description = approve ? "Why (kept with the decision)." : "Why (the agent is told)." };
        var approver = new Option<string?>("--as") { Description = "Who decides (default: your user name)." };
        var verb = approve ? "approve" : "reject";
        var command = new Command(verb, $"{(approve ? "Approve" : "Reject")} calls a run is waiting for.") { id, calls, comment, approver };
        command.SetAction(async (p, ct) =>
        {
            using var api = client(p);
            var run = p.GetValue(id)!;
            var named = p.GetValue(calls) is { Length: > 0 } some ? some : null;
            var answer = await api.SubmitApprovalAsync(run, new ApprovalRequest(approve, named, p.GetValue(approver) ?? Environment.UserName, p.GetValue(comment)), ct);
            context.Console.Write(new Text($"{answer.Status}: {answer.Detail}\n", new Style(answer.Status == "applied" ? Color.Green : Color.Yellow)));
            if (answer.Decision is { } decision)
            {
                context.Console.Write(RunRendering.DecisionsTable([decision]));
            }

            return 0;
        });
        return command;
    }
}
