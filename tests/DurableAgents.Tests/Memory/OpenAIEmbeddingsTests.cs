using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using DurableAgents.Memory;
using DurableAgents.Models;
using DurableAgents.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableAgents.Tests.Memory;

/// <summary>OpenAI embeddings through Microsoft.Extensions.AI.OpenAI against a loopback server speaking the embeddings wire format.</summary>
public sealed class OpenAIEmbeddingsTests
{
    [Fact]
    public async Task Memory_EmbedsWithTheNamedModelAndKey_AndSearchesByIt()
    {
        var requests = new ConcurrentQueue<(string? Auth, JsonObject Body)>();
        var (app, root) = await LoopbackKestrel.StartAsync(a => a.MapPost("/v1/embeddings", async (HttpContext context) =>
        {
            var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
            requests.Enqueue((context.Request.Headers.Authorization.ToString(), body));
            // "invoice" texts point one way, anything else another: enough to rank.
            var text = body["input"] is JsonArray list ? list[0]!.GetValue<string>() : body["input"]!.GetValue<string>();
            var vector = text.Contains("invoice", StringComparison.OrdinalIgnoreCase) ? "[0.9, 0.1, 0.0]" : "[0.0, 0.2, 0.98]";
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":" + vector
                + "}],\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":3,\"total_tokens\":3}}");
        }));
        await using var _ = app;
        var options = new OpenAIModelOptions { ApiKey = "sk-test-embeddings-key", BaseUrl = new Uri(root, "v1/") };
        var memory = new AgentMemory(new InMemoryMemoryCollection(), OpenAIEmbeddings.CreateGenerator(options), TimeProvider.System);

        await memory.RememberAsync("ana", "f1", "Invoices go to Dana.", "r1", 1);
        await memory.RememberAsync("ana", "f2", "Plants need water.", "r2", 1);
        var found = await memory.SearchAsync("ana", MemoryKinds.Fact, "who gets the invoice", 5, 0.5);

        Assert.Equal("ana/f1", Assert.Single(found).Record.Key);
        Assert.Equal(OpenAIEmbeddings.DefaultModel, found[0].Record.EmbeddingModel);
        Assert.All(requests, r => Assert.Equal("Bearer sk-test-embeddings-key", r.Auth));
        Assert.All(requests, r => Assert.Equal(OpenAIEmbeddings.DefaultModel, r.Body["model"]!.GetValue<string>()));
        Assert.Equal(3, requests.Count);
    }
}
