using System.Diagnostics;
using DurableAgents.Models;
using Microsoft.Extensions.AI;

namespace DurableAgents.Tests.Models;

/// <summary>The GenAI spans of model calls: metadata always, message content only when the setting allows it.</summary>
public sealed class OpenAITelemetryTests : IAsyncLifetime
{
    private const string Prompt = "my-private-prompt-text";
    private FakeOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ChatSpan_HasModelAndTokens_AndContentOnlyWhenSensitiveDataIsOn(bool sensitive)
    {
        // A model name of its own, so spans of tests running in parallel are told apart.
        var model = $"telemetry-model-{sensitive}-{Guid.NewGuid():N}";
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == OpenAIModels.TelemetrySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem("gen_ai.request.model"), model))
                {
                    lock (spans)
                    {
                        spans.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        _server.Enqueue(ScriptedReply.Text("the reply", promptTokens: 12, completionTokens: 3));
        using var client = OpenAIModels.CreateChatClient(new OpenAIModelOptions
        {
            ApiKey = "sk-telemetry-key-123456", BaseUrl = _server.BaseUrl, Model = model, EnableSensitiveTelemetryData = sensitive,
        });

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, Prompt)]);

        var span = Assert.Single(spans);
        Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal(12, Convert.ToInt32(span.GetTagItem("gen_ai.usage.input_tokens"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(3, Convert.ToInt32(span.GetTagItem("gen_ai.usage.output_tokens"), System.Globalization.CultureInfo.InvariantCulture));
        var tagText = string.Join("\n", span.TagObjects.Select(t => t.Value?.ToString())) + string.Join("\n", span.Events.SelectMany(e => e.Tags).Select(t => t.Value?.ToString()));
        Assert.Equal(sensitive, tagText.Contains(Prompt, StringComparison.Ordinal));
        Assert.DoesNotContain("sk-telemetry-key-123456", tagText);
    }
}
