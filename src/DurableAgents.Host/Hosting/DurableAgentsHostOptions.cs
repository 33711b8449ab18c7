using DurableAgents.Api;
using DurableAgents.Samples;
using DurableAgents.Tools.BuiltIn;

namespace DurableAgents.Host.Hosting;

/// <summary>The host's settings, from the <c>DurableAgents</c> configuration section: the API's, plus where and how the host runs.</summary>
public sealed class DurableAgentsHostOptions : DurableAgentsApiOptions
{
    /// <summary>Where the SQLite task hub, the conversations and the samples' sandboxes keep their data.</summary>
    public string DataPath { get; set; } = ".durableagents";

    /// <summary>sqlite (or file), memory or azure; when empty, azure if <c>AzureWebJobsStorage</c> is set, else sqlite.</summary>
    public string? Backend { get; set; }

    /// <summary>Whether the sample agents (and the research schedule) are registered.</summary>
    public bool Samples { get; set; } = true;

    /// <summary>Hosts the research sample's http_get may fetch.</summary>
    public List<string> ResearchAllowedHosts { get; } = [];

    /// <summary>The JSON search endpoint of web_search (DurableAgents:Search: Endpoint, ApiKey, paths, Http rules); the samples' bundled library when no endpoint is set.</summary>
    public WebSearchOptions Search { get; } = new();

    /// <summary>Settings of the sample agents (DurableAgents:SampleSettings): the lesson pipeline's threshold, review and approval timeouts.</summary>
    public SampleAgentsOptions SampleSettings { get; } = new();

    /// <summary>The data path as an absolute path.</summary>
    public string FullDataPath => Path.GetFullPath(DataPath);
}
