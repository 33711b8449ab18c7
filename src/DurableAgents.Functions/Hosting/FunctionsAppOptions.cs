using DurableAgents.Samples;
using DurableAgents.Tools.BuiltIn;

namespace DurableAgents.Functions.Hosting;

/// <summary>The Functions app's own settings, from the <c>DurableAgents</c> section (app settings <c>DurableAgents__*</c>).</summary>
public sealed class FunctionsAppOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "DurableAgents";

    /// <summary>Where the samples keep their sandboxes; a folder in the temp folder by default (the app folder is read-only when run from a package).</summary>
    public string DataPath { get; set; } = Path.Combine(Path.GetTempPath(), "durableagents");

    /// <summary>Whether the sample agents (and the research schedule) are registered.</summary>
    public bool Samples { get; set; } = true;

    /// <summary>Hosts the research sample's http_get may fetch.</summary>
    public List<string> ResearchAllowedHosts { get; } = [];

    /// <summary>The JSON search endpoint of web_search (DurableAgents:Search); the samples' bundled library when no endpoint is set.</summary>
    public WebSearchOptions Search { get; } = new();

    /// <summary>Settings of the sample agents (DurableAgents:SampleSettings), as in the self-hosted host.</summary>
    public SampleAgentsOptions SampleSettings { get; } = new();
}
