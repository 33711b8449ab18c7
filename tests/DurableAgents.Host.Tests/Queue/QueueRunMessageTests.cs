using DurableAgents.Api.Queue;

namespace DurableAgents.Host.Tests.Queue;

public sealed class QueueRunMessageTests
{
    [Fact]
    public void PlainJson_WithStringInput_IsRead()
    {
        Assert.True(QueueRunMessage.TryParse("{\"agent\":\"background\",\"input\":\"summarise\",\"runId\":\"r-1\"}", out var m, out _));
        Assert.Equal(new QueueRunMessage("background", "summarise", "r-1"), m);
    }

    [Fact]
    public void Base64Json_WithObjectInput_IsRead_AsTheObjectsJson()
    {
        var text = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("{\"agent\":\"background\",\"input\":{\"ticket\":42}}"));

        Assert.True(QueueRunMessage.TryParse(text, out var m, out _));
        Assert.Equal("background", m!.Agent);
        Assert.Equal("{\"ticket\":42}", m.Goal);
        Assert.Null(m.RunId);
    }

    [Fact]
    public void AUser_IsRead()
    {
        Assert.True(QueueRunMessage.TryParse("{\"agent\":\"background\",\"input\":\"summarise\",\"user\":\"alice@contoso.com\"}", out var m, out var error), error);
        Assert.Equal(new QueueRunMessage("background", "summarise", null) { User = "alice@contoso.com" }, m);
    }

    [Theory]
    [InlineData("not json at all", "neither JSON nor base64")]
    [InlineData("{\"agent\": ", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("{\"input\":\"x\"}", "no \"agent\"")]
    [InlineData("{\"agent\":\"a\"}", "no \"input\"")]
    [InlineData("{\"agent\":\"a\",\"input\":\"x\",\"runId\":\"bad/id\"}", "\"runId\" is not usable")]
    [InlineData("{\"agent\":\"a\",\"input\":\"x\",\"user\":\"two words\"}", "\"user\" is not usable: The user key 'two words' is not valid")]
    [InlineData("{\"agent\":\"a\",\"input\":\"x\",\"user\":7}", "\"user\" is not usable")]
    public void InvalidMessages_SayWhatIsWrong(string text, string expected)
    {
        Assert.False(QueueRunMessage.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("The water cycle", "The water cycle", null)]
    [InlineData("{\"topic\": \"Tides\"}", "{\"topic\": \"Tides\"}", null)]
    [InlineData("{\"input\": {\"topic\": \"Tides\"}, \"runId\": \"lesson-9\"}", "{\"topic\": \"Tides\"}", "lesson-9")]
    public void OnAnAgentsOwnQueue_TheInputAloneWillDo(string text, string goal, string? runId)
    {
        Assert.True(QueueRunMessage.TryParse(text, "lesson-pipeline", out var m, out var error), error);
        Assert.Equal(new QueueRunMessage("lesson-pipeline", goal, runId), m);
    }

    [Fact]
    public void OnAnAgentsOwnQueue_AMessageMayStillNameAnotherAgent()
    {
        Assert.True(QueueRunMessage.TryParse("{\"agent\": \"background\", \"input\": \"x\"}", "lesson-pipeline", out var m, out _));
        Assert.Equal("background", m!.Agent);
    }
}
