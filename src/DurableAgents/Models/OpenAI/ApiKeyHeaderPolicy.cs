using System.ClientModel.Primitives;

namespace DurableAgents.Models;

/// <summary>
/// Moves the key from "Authorization: Bearer" to another header (Azure OpenAI's "api-key") just before a request is sent.
/// </summary>
/// <remarks>The package's own constructor taking an authentication policy is experimental, so the header is rewritten instead.</remarks>
internal sealed class ApiKeyHeaderPolicy(string headerName, string apiKey) : PipelinePolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Rewrite(message);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Rewrite(message);
        return ProcessNextAsync(message, pipeline, currentIndex);
    }

    private void Rewrite(PipelineMessage message)
    {
        message.Request.Headers.Remove("Authorization");
        message.Request.Headers.Set(headerName, apiKey);
    }
}
