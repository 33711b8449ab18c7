using System.Diagnostics;
using System.Text.Json;
using DurableAgents.Testing;

namespace DurableAgents.Functions.Tests.Publish;

/// <summary>
/// <c>dotnet publish src/DurableAgents.Functions -c Release</c> into a temp folder, once per test run (it takes a minute or two),
/// and what the Functions host would read from it: functions.metadata, extensions.json and host.json.
/// </summary>
public sealed class PublishedApp : IDisposable
{
    private readonly TempFolder _output = new("da-functions-publish");

    public PublishedApp()
    {
        var project = Path.Combine(RepositoryRoot.Find(), "src", "DurableAgents.Functions");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "publish", project, "-c", "Release", "-o", _output.Path, "--nologo" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The test host's own MSBuild settings must not steer the child build.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet publish of the Functions app took more than 8 minutes.");
        }

        Output = stdout.Result + stderr.Result;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{Output}");
        }

        Metadata = Read("functions.metadata");
        Extensions = Read("extensions.json");
        HostJson = Read("host.json");
    }

    public string Folder => _output.Path;

    public string Output { get; }

    public JsonElement Metadata { get; }

    public JsonElement Extensions { get; }

    public JsonElement HostJson { get; }

    /// <summary>The function of this name in functions.metadata.</summary>
    public JsonElement Function(string name) =>
        Metadata.EnumerateArray().SingleOrDefault(f => f.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } function
            ? function
            : throw new Xunit.Sdk.XunitException($"functions.metadata has no function '{name}'.");

    /// <summary>The function's trigger binding.</summary>
    public JsonElement Trigger(string name) =>
        Function(name).GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    public void Dispose() => _output.Dispose();

    private JsonElement Read(string file)
    {
        var path = Path.Combine(_output.Path, file);
        Assert.True(File.Exists(path), $"{file} is in the publish folder");
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return document.RootElement.Clone();
    }
}

[CollectionDefinition(Name)]
public sealed class PublishCollection : ICollectionFixture<PublishedApp>
{
    public const string Name = "published Functions app";
}
