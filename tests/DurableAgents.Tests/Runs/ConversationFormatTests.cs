using System.Text.Json;
using DurableAgents.Models;
using DurableAgents.Runs.Conversation;
using Microsoft.Extensions.AI;

namespace DurableAgents.Tests.Runs;

/// <summary>The stored forms of conversation entries: compact for the common kinds, and entries written before still read.</summary>
public sealed class ConversationFormatTests
{
    [Fact]
    public async Task OldFormatEntries_JsonMessagesAndJsonSegment_StillRead()
    {
        var store = new InMemoryConversationStore();
        var user = await store.PutAsync(JsonSerializer.Serialize(new ChatMessage(ChatRole.User, "the goal"), AIJsonUtilities.DefaultOptions));
        var reply = await store.PutAsync(JsonSerializer.Serialize(
            new ChatMessage(ChatRole.Assistant, [ToolCallArguments.CreateCall("c1", "lookup", """{"query":"x"}""")]), AIJsonUtilities.DefaultOptions));
        var segment = await store.PutAsync($$"""{"parent":null,"messages":["{{user}}","{{reply}}"]}""");
        var log = new ConversationLog(store);

        // A new step appended after the old segment: the chain mixes both forms.
        var tool = await log.PutMessageAsync(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("c1", "found x")]));
        var head = await log.AppendAsync(segment, [ConversationEntry.Stored(tool, await log.GetMessageAsync(tool))]);
        var messages = await new ConversationLog(store).GetMessagesAsync(head);

        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.Tool], messages.Select(m => m.Role));
        Assert.Equal("the goal", messages[0].Text);
        Assert.Equal("lookup", messages[1].Contents.OfType<FunctionCallContent>().Single().Name);
        Assert.Equal("found x", messages[2].Contents.OfType<FunctionResultContent>().Single().Result);
    }

    [Fact]
    public void CommonKinds_RoundTripInCompactForm()
    {
        var call = ToolCallArguments.CreateCall("c1", "lookup", """{"query":"line\nbreak","n":2}""");
        var messages = new[]
        {
            new ChatMessage(ChatRole.User, "multi\nline goal"),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("c1", "<tool_result tool=\"lookup\" status=\"ok\">\nhi\n</tool_result>")]),
            new ChatMessage(ChatRole.Assistant, [new TextContent("Thinking: 3:2\n"), call, ToolCallArguments.CreateCall("c2", "other", "{}")]),
        };

        foreach (var message in messages)
        {
            var stored = MessageCodec.Encode(message);
            var back = MessageCodec.Decode(stored);

            Assert.NotEqual('{', stored[0]);
            Assert.Equal(message.Role, back.Role);
            Assert.Equal(Describe(message), Describe(back));
        }
    }

    [Fact]
    public void CompactForm_IsSmallerThanChatMessageJson()
    {
        var message = new ChatMessage(ChatRole.Tool, [new FunctionResultContent("c1", "<tool_result tool=\"lookup\" status=\"ok\">\n" + new string('r', 200) + "\n</tool_result>")]);

        var compact = MessageCodec.Encode(message);
        var json = JsonSerializer.Serialize(message, AIJsonUtilities.DefaultOptions);

        Assert.True(compact.Length < 260, $"compact form: {compact.Length} characters");
        Assert.True(json.Length > compact.Length + 40, $"json {json.Length}, compact {compact.Length}");
    }

    [Fact]
    public void OtherKinds_FallBackToJson()
    {
        var malformed = ToolCallArguments.CreateCall("c1", "lookup", "{not json");
        var named = new ChatMessage(ChatRole.User, "hi") { AuthorName = "ana" };
        var system = new ChatMessage(ChatRole.System, "rules");

        foreach (var message in new[] { new ChatMessage(ChatRole.Assistant, [malformed]), named, system })
        {
            var stored = MessageCodec.Encode(message);
            var back = MessageCodec.Decode(stored);

            Assert.Equal('{', stored[0]);
            Assert.Equal(Describe(message), Describe(back));
        }

        Assert.True(ToolCallArguments.TryGetMalformed(MessageCodec.Decode(MessageCodec.Encode(new ChatMessage(ChatRole.Assistant, [malformed])))
            .Contents.OfType<FunctionCallContent>().Single(), out var raw, out _));
        Assert.Equal("{not json", raw);
    }

    [Fact]
    public async Task Compaction_KeepsReplacedTurnsInTheArchiveButNotForTheModel()
    {
        var log = new ConversationLog(new InMemoryConversationStore());
        var first = await log.AppendAsync(null, [ConversationEntry.Inline(new ChatMessage(ChatRole.User, "goal")),
            ConversationEntry.Inline(new ChatMessage(ChatRole.Assistant, "old turn"))]);
        var compacted = await log.CompactAsync(first, [ConversationEntry.Inline(new ChatMessage(ChatRole.User, "goal")),
            ConversationEntry.Inline(new ChatMessage(ChatRole.User, "summary"))]);
        var head = await log.AppendAsync(compacted, [ConversationEntry.Inline(new ChatMessage(ChatRole.Assistant, "new turn"))]);

        var fresh = new ConversationLog(log.Store);
        Assert.Equal(["goal", "summary", "new turn"], (await fresh.GetMessagesAsync(head)).Select(m => m.Text));
        Assert.Equal(["goal", "old turn", "new turn"], (await fresh.GetArchiveAsync(head)).Select(m => m.Text));
    }

    [Fact]
    public void Decode_RejectsAnUnknownFormWithWhatWasWrong()
    {
        var error = Assert.Throws<FormatException>(() => MessageCodec.Decode("zzz"));

        Assert.Contains("'z'", error.Message);
    }

    private static string Describe(ChatMessage message) => string.Join("|", message.Contents.Select(c => c switch
    {
        TextContent t => "text:" + t.Text,
        FunctionCallContent f => $"call:{f.CallId}:{f.Name}:{ToolCallArguments.ToJson(f)}",
        FunctionResultContent r => $"result:{r.CallId}:{r.Result}",
        _ => c.GetType().Name,
    })) + "/" + message.AuthorName;
}
