using System.Text;
using DurableAgents.Agents;
using DurableAgents.Runs;
using Microsoft.DurableTask;

namespace DurableAgents.Patterns;

/// <summary>
/// One agent with a mailbox, long-running: it waits for mail, answers each new message with a sub-run of its agent, sends the reply
/// to its peer's mailbox, and stops at the conversation's last message or a reply with the stop phrase. Every few messages it
/// continues as new (its transcript and the sequences it has seen carried over, unread mail kept), so its history stays small.
/// A message is sent in the episode that records the reply, so a crash between messages loses none and repeats none.
/// </summary>
public sealed class MailboxOrchestrator(IAgentCatalog catalog) : TaskOrchestrator<MailboxInput, AgentRunResult>
{
    /// <inheritdoc />
    public override async Task<AgentRunResult> RunAsync(TaskOrchestrationContext context, MailboxInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (input is null || catalog.Find(input.Agent) is not { } definition)
        {
            context.SetCustomStatus(new AgentRunStatus { Phase = "finished" });
            return new AgentRunResult { Outcome = AgentRunOutcome.Failed, Reason = input is null ? "The mailbox has no input." : new AgentNotFoundException(input.Agent).Message };
        }

        var run = new PatternRun(context, catalog, definition, AgentRunInput.Start(input.Agent, input.Goal, input.Depth) with
        {
            TraceParent = input.TraceParent,
            User = input.User,
            Session = input.Session,
        });
        run.Progress.AuditHead = input.State.Audit;
        run.AddUsage(input.State.Usage);
        var state = input.State;
        var pending = input.First;
        for (var handled = 0; ; handled++)
        {
            if (handled >= input.ContinueAsNewEvery && pending is null)
            {
                context.ContinueAsNew(input with { First = null, State = state with { Usage = run.Usage, Audit = run.Progress.AuditHead, Generation = state.Generation + 1 } }, preserveUnprocessedEvents: true);
                return run.Finish(AgentRunOutcome.Completed, null); // not the output: the next generation carries on
            }

            MailMessage mail;
            if (pending is not null)
            {
                (mail, state, pending) = (pending, Mailbox.Seen(state, pending), null);
            }
            else
            {
                Show(run, state, "waiting-for-mail");
                (mail, state) = await context.ReceiveMailAsync(state);
            }

            state = Add(state, new MailRecord(mail.Sequence, mail.From, context.InstanceId, Cut(mail.Text)));
            if (mail.Stop || mail.Sequence >= input.MaxMessages)
            {
                return Finish(run, state, $"Message {mail.Sequence} from {mail.From} ended the conversation.");
            }

            run.Step = mail.Sequence;
            var reply = await run.DelegateAsync(input.Agent, ReplyTask(input, state), $"m{mail.Sequence + 1}", $"reply {mail.Sequence + 1}");
            var text = Cut(reply.Answer ?? reply.Reason ?? $"({input.Agent} ended {reply.Outcome} without a reply)");
            if (input.Pause > TimeSpan.Zero)
            {
                Show(run, state, "pausing");
                await context.CreateTimer(context.CurrentUtcDateTime.Add(input.Pause), CancellationToken.None);
            }

            var sequence = mail.Sequence + 1;
            var stop = sequence >= input.MaxMessages || (input.StopPhrase is { Length: > 0 } phrase && text.Contains(phrase, StringComparison.OrdinalIgnoreCase));
            context.SendMail(input.Peer, new MailMessage(context.InstanceId, sequence, text, stop));
            state = Add(state, new MailRecord(sequence, context.InstanceId, input.Peer, text));
            if (stop)
            {
                return Finish(run, state, $"Message {sequence} ended the conversation.");
            }
        }
    }

    /// <summary>The reply's task: the topic, the conversation so far, and the message to answer.</summary>
    private static string ReplyTask(MailboxInput input, MailboxState state)
    {
        var last = state.Transcript[^1];
        var builder = new StringBuilder($"Reply to message {last.Sequence} of a conversation about: {input.Goal}\nConversation so far:\n");
        foreach (var record in state.Transcript.TakeLast(8))
        {
            builder.Append($"#{record.Sequence} {record.From}: {record.Text}\n");
        }

        return builder.Append($"Write message {last.Sequence + 1}, answering #{last.Sequence}.").ToString();
    }

    private static AgentRunResult Finish(PatternRun run, MailboxState state, string reason)
    {
        SetDetail(run, state);
        run.Publish("finished");
        return run.Finish(AgentRunOutcome.Completed, string.Join('\n', state.Transcript.Select(r => $"#{r.Sequence} {r.From} -> {r.To}: {r.Text}")), reason);
    }

    private static void Show(PatternRun run, MailboxState state, string phase)
    {
        SetDetail(run, state);
        run.Publish(phase);
    }

    private static void SetDetail(PatternRun run, MailboxState state) =>
        run.SetDetail(new { transcript = state.Transcript, duplicates = state.Duplicates, invalid = state.Invalid, generation = state.Generation });

    private static MailboxState Add(MailboxState state, MailRecord record) => state with { Transcript = [.. state.Transcript, record] };

    private static string Cut(string text) => text.Length <= MailboxInput.MaxMessageChars ? text : text[..MailboxInput.MaxMessageChars] + "...";
}
