using System.Text.Json;
using DurableAgents.Tests.Tools.BuiltIn.Files;
using DurableAgents.Tests.Tools.BuiltIn.Http;
using DurableAgents.Tools.BuiltIn;
using Microsoft.Extensions.AI;

namespace DurableAgents.Tests.Tools.BuiltIn;

/// <summary>The tools as the agent loop sees them: AIFunctions with names, schemas and argument binding.</summary>
public sealed class BuiltInToolsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Factories_UseTheDocumentedNames()
    {
        Assert.Equal(
            ["current_time", "calculator", "http_get", "read_file", "write_file", "list_files"],
            new[]
            {
                BuiltInTools.CurrentTime(), BuiltInTools.Calculator(), BuiltInTools.HttpGet(),
                BuiltInTools.ReadFile(_temp.Path), BuiltInTools.WriteFile(_temp.Path), BuiltInTools.ListFiles(_temp.Path),
            }.Select(f => f.Name));
    }

    [Fact]
    public void Calculator_SchemaDescribesRequiredExpressionParameter()
    {
        var schema = BuiltInTools.Calculator().JsonSchema;
        var expression = schema.GetProperty("properties").GetProperty("expression");
        Assert.Equal("string", expression.GetProperty("type").GetString());
        Assert.Contains("sqrt", expression.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("expression", schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void HttpGet_SchemaHidesCancellationToken()
    {
        var properties = BuiltInTools.HttpGet().JsonSchema.GetProperty("properties");
        Assert.Equal(["url"], properties.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Calculator_InvokedThroughAIFunction()
    {
        var result = await BuiltInTools.Calculator().InvokeAsync(new AIFunctionArguments { ["expression"] = "2+3*4" });
        Assert.Equal("14", AsJson(result).GetString());
    }

    [Fact]
    public async Task Calculator_ErrorSurfacesAsToolException()
    {
        var ex = await Assert.ThrowsAsync<CalculatorException>(async () =>
            await BuiltInTools.Calculator().InvokeAsync(new AIFunctionArguments { ["expression"] = "(1+2))" }));
        Assert.Contains("Unexpected ')' at position 6", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CurrentTime_InvokedThroughAIFunctionWithZone()
    {
        var clock = new FixedClock(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var result = AsJson(await BuiltInTools.CurrentTime(clock).InvokeAsync(
            new AIFunctionArguments { ["timeZone"] = "America/New_York" }));
        Assert.Equal("2025-01-02T03:04:05Z", Property(result, "utc").GetString());
        Assert.Equal("2025-01-01T22:04:05-05:00", Property(result, "local").GetString());
    }

    [Fact]
    public async Task CurrentTime_ZoneIsOptional()
    {
        var clock = new FixedClock(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var result = AsJson(await BuiltInTools.CurrentTime(clock).InvokeAsync(new AIFunctionArguments()));
        Assert.Equal("2025-01-02T03:04:05Z", Property(result, "utc").GetString());
    }

    [Fact]
    public async Task FileTools_InvokedThroughAIFunctions()
    {
        var write = await BuiltInTools.WriteFile(_temp.Path).InvokeAsync(
            new AIFunctionArguments { ["path"] = "docs/readme.md", ["content"] = "# Hi" });
        Assert.Equal(4, Property(AsJson(write), "bytesWritten").GetInt32());

        var read = await BuiltInTools.ReadFile(_temp.Path).InvokeAsync(new AIFunctionArguments { ["path"] = "docs/readme.md" });
        Assert.Equal("# Hi", AsJson(read).GetString());

        var list = AsJson(await BuiltInTools.ListFiles(_temp.Path).InvokeAsync(
            new AIFunctionArguments { ["path"] = ".", ["recursive"] = true }));
        Assert.Equal(
            ["docs", "docs/readme.md"],
            Property(list, "entries").EnumerateArray().Select(e => Property(e, "path").GetString()));

        await Assert.ThrowsAsync<ToolException>(async () =>
            await BuiltInTools.ReadFile(_temp.Path).InvokeAsync(new AIFunctionArguments { ["path"] = "../x" }));
    }

    [Fact]
    public async Task HttpGet_InvokedThroughAIFunctionAgainstLoopbackServer()
    {
        await using var server = await LoopbackWebServer.StartAsync();
        var fn = BuiltInTools.HttpGet(new HttpGetToolOptions { AllowPrivateNetworks = true });
        var result = AsJson(await fn.InvokeAsync(new AIFunctionArguments { ["url"] = server.Url("/plain").ToString() }));
        Assert.Equal(200, Property(result, "statusCode").GetInt32());
        Assert.Equal("hello from loopback", Property(result, "text").GetString());
    }

    [Fact]
    public async Task HttpGet_RefusalSurfacesAsToolException()
    {
        var ex = await Assert.ThrowsAsync<ToolException>(async () =>
            await BuiltInTools.HttpGet().InvokeAsync(new AIFunctionArguments { ["url"] = "http://169.254.169.254/" }));
        Assert.Contains("No request was sent", ex.Message, StringComparison.Ordinal);
    }

    private static JsonElement AsJson(object? value) =>
        value is JsonElement element ? element : JsonSerializer.SerializeToElement(value, AIJsonUtilities.DefaultOptions);

    // Property names follow the serializer's naming policy; match them case-insensitively.
    private static JsonElement Property(JsonElement element, string name) =>
        element.EnumerateObject().First(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
