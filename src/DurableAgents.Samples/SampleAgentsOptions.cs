using DurableAgents.Tools.BuiltIn;

namespace DurableAgents.Samples;

/// <summary>What the sample agents need from their host: where their sandboxes are, which search to use, the review threshold.</summary>
public sealed class SampleAgentsOptions
{
    /// <summary>The configuration section of the samples' settings (both hosts bind it).</summary>
    public const string Section = "DurableAgents:SampleSettings";

    /// <summary>The folder under which each sample gets a sandbox folder of its own (the hosts use {DataPath}/sandbox).</summary>
    public string? SandboxRoot { get; set; }

    /// <summary>Hosts the research sample's http_get may fetch (learn.microsoft.com and en.wikipedia.org when empty).</summary>
    public IList<string> ResearchAllowedHosts { get; init; } = new List<string>();

    /// <summary>The JSON search endpoint for web_search; when null or without an endpoint, the bundled sample library answers.</summary>
    public WebSearchOptions? Search { get; set; }

    /// <summary>The lesson pipeline's confidence threshold: below it a human reviews the draft.</summary>
    public double ConfidenceThreshold { get; set; } = 0.85;

    /// <summary>How long a lesson waits for its review before it ends rejected.</summary>
    public TimeSpan ReviewTimeout { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long the governed team's destructive calls wait for approval before they escalate.</summary>
    public TimeSpan ApprovalTimeout { get; set; } = TimeSpan.FromHours(4);

    /// <summary>
    /// Fills what a host knows and the settings left empty: sandboxes under {<paramref name="dataPath"/>}/sandbox, the host's research
    /// hosts (DurableAgents:ResearchAllowedHosts) and search endpoint (DurableAgents:Search). Returns this instance.
    /// </summary>
    public SampleAgentsOptions ForHost(string dataPath, IEnumerable<string> researchAllowedHosts, WebSearchOptions? search)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataPath);
        ArgumentNullException.ThrowIfNull(researchAllowedHosts);
        SandboxRoot ??= Path.Combine(Path.GetFullPath(dataPath), "sandbox");
        Search ??= search;
        foreach (var host in researchAllowedHosts.Where(h => !ResearchAllowedHosts.Contains(h)))
        {
            ResearchAllowedHosts.Add(host);
        }

        return this;
    }

    /// <summary>Throws, saying which setting to fix, when a setting is out of range.</summary>
    public void Validate()
    {
        if (ConfidenceThreshold is < 0 or > 1 || double.IsNaN(ConfidenceThreshold))
        {
            throw new InvalidOperationException($"{Section}:ConfidenceThreshold is {ConfidenceThreshold}; use a number from 0 to 1 (0.85 by default).");
        }

        if (ReviewTimeout <= TimeSpan.Zero || ApprovalTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{Section}:ReviewTimeout and ApprovalTimeout must be positive time spans, such as 04:00:00.");
        }

        if (string.IsNullOrWhiteSpace(SandboxRoot))
        {
            throw new InvalidOperationException("SampleAgentsOptions.SandboxRoot is not set; give the samples a folder (the hosts use {DataPath}/sandbox).");
        }
    }

    /// <summary>The sandbox folder of one sample.</summary>
    public string Sandbox(string sample) => Path.Combine(SandboxRoot!, sample);

    /// <summary>The search backend the samples use: the configured endpoint, else the bundled library.</summary>
    public ISearchClient SearchClient() =>
        Search is { Endpoint.Length: > 0 } configured ? new JsonSearchClient(configured) : new SampleLibrary();
}
