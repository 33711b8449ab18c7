using System.Text.Json;
using DurableAgents.Models;
using DurableAgents.Patterns;
using DurableAgents.Runs;
using DurableAgents.Testing;
using DurableAgents.Tests.Runs.Infrastructure;
using DurableAgents.Tools.BuiltIn;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Tests.Patterns;

/// <summary>Issue 14, part 4: long-running agents with mailboxes, replying to each other until the last message.</summary>
public sealed class MailboxTests : PatternTestBase
{
    private readonly ScriptedChatClient _echo = new();

    private Task StartPairAsync(MessagePairPattern? pattern = null) => StartAsync(b => b
        .AddAgent(Agent("pair", new OfflineChatClient(), a => a.Pattern = pattern ?? new MessagePairPattern { First = "alice", Second = "bob", ContinueAsNewEvery = 2 }))
        .AddAgent(Agent("alice", new OfflineChatClient(), a => a.Tools.Add(new Agents.AgentTool(BuiltInTools.Calculator()))))
        .AddAgent(Agent("bob", _echo)));

    [Fact]
    public async Task TwoMailboxes_ReplyToEachOther_UntilTheLastMessage_EachMessageOnce()
    {
        await StartPairAsync();
        _echo.Fallback = call => Reply.Text($"bob got: {call.UserTexts.First().Split('\n')[^2]}");

        var result = await ResultAsync(await Host.Runs.StartRunAsync("pair", """{"opening": "What is 6 * 7?", "messages": 5}""", "mp-1"));

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        var messages = result.Detail!.Value.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4, 5], messages.Select(m => m.GetProperty("sequence").GetInt32()));
        Assert.Equal(0, result.Detail.Value.GetProperty("duplicates").GetInt32());
        Assert.StartsWith("#1 user: What is 6 * 7?\n#2 alice: [offline model: deterministic planner, not a language model] 6 * 7 = 42.\n#3 bob: bob got: #2 mp-1:a:", result.Answer, StringComparison.Ordinal);
        // Each reply is one sub-run, whatever the generations: four replies, alice's two and bob's two.
        var replies = (await Host.InstanceIdsAsync()).Where(i => i.Contains(":m", StringComparison.Ordinal)).Order().ToList();
        Assert.Equal(["mp-1:a:m2", "mp-1:a:m4", "mp-1:b:m3", "mp-1:b:m5"], replies);
        var alice = await Host.Runs.GetRunAsync("mp-1:a");
        Assert.Equal("alice", alice!.Agent);
        Assert.True(alice.Status!.Detail!.Value.GetProperty("generation").GetInt32() >= 1, "the mailbox continued as new");
    }

    [Fact]
    public async Task APairRunForAUser_RunsEveryReplyForThatUser()
    {
        await StartPairAsync();
        _echo.Fallback = _ => Reply.Text("bob says hi");

        var result = await ResultAsync(await Host.Runs.StartRunAsync("pair", """{"opening": "What is 6 * 7?", "messages": 3}""", new AgentRunStartOptions { RunId = "mp-user", User = "ivy" }));

        Assert.Equal(AgentRunOutcome.Completed, result.Outcome);
        var replies = (await Host.InstanceIdsAsync()).Where(i => i.StartsWith("mp-user:", StringComparison.Ordinal) && i.Contains(":m", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, replies.Count);
        foreach (var id in replies.Append("mp-user:a").Append("mp-user:b"))
        {
            Assert.Equal("ivy", (await Host.Runs.GetRunAsync(id))!.User);
        }
    }

    [Fact]
    public async Task Duplicates_AndMalformedMail_AreDropped_AndCounted()
    {
        await StartPairAsync();
        _echo.Fallback = _ => Reply.Text("ok");
        var id = await Host.Orchestrations.ScheduleNewOrchestrationInstanceAsync(PatternNames.Mailbox,
            new MailboxInput("bob", "a test", "nobody-listens") { MaxMessages = 3 });
        await TestDeadline.WaitUntilAsync(async () => (await Host.Runs.GetRunAsync(id))?.Status?.Phase == "waiting-for-mail", "mailbox waits");

        await Host.Orchestrations.RaiseEventAsync(id, Mailbox.EventName, new MailMessage("user", 1, "hello"));
        await Host.Orchestrations.RaiseEventAsync(id, Mailbox.EventName, new MailMessage("user", 1, "hello"));
        await Host.Orchestrations.RaiseEventAsync(id, Mailbox.EventName, JsonSerializer.SerializeToElement(new { nonsense = true }));
        await Host.Orchestrations.RaiseEventAsync(id, Mailbox.EventName, new MailMessage("user", 3, "bye", Stop: true));
        var done = await Host.Orchestrations.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestDeadline.Token());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var detail = (await Host.Runs.GetRunAsync(id))!.Result!.Detail!.Value;
        Assert.Equal(1, detail.GetProperty("duplicates").GetInt32());
        Assert.Equal(1, detail.GetProperty("invalid").GetInt32());
        Assert.Equal([1, 2, 3], detail.GetProperty("transcript").EnumerateArray().Select(m => m.GetProperty("sequence").GetInt32()));
        Assert.Single(_echo.Calls);
    }

    [Fact]
    public async Task ABadInput_EndsThePairFailed_SayingWhatToSend()
    {
        await StartPairAsync();

        var result = await ResultAsync(await Host.Runs.StartRunAsync("pair", """{"opening": "hi", "messages": 500}""", "mp-3"));

        Assert.Equal(AgentRunOutcome.Failed, result.Outcome);
        Assert.Contains("\"messages\" must be 2 to 50", result.Reason, StringComparison.Ordinal);
    }
}
