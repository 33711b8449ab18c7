namespace DurableAgents.Host.Hosting;

/// <summary>The host's settings, from the <c>DurableAgents</c> configuration section.</summary>
public sealed class DurableAgentsHostOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "DurableAgents";

    /// <summary>Where the SQLite task hub, the conversations and the samples' sandboxes keep their data.</summary>
    public string DataPath { get; set; } = ".durableagents";

    /// <summary>sqlite (or file), memory or azure; when empty, azure if <c>AzureWebJobsStorage</c> is set, else sqlite.</summary>
    public string? Backend { get; set; }

    /// <summary>Keys accepted for management and approval endpoints (x-api-key header or ?code=).</summary>
    public List<string> ApiKeys { get; } = [];

    /// <summary>A single key (convenient as an environment variable: DurableAgents__ApiKey).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The shared secret for signed approval webhooks (X-Signature-256); signed webhooks are off when empty.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How far a webhook's timestamp may be from now.</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The largest accepted request body.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Whether the three sample agents (and the research schedule) are registered.</summary>
    public bool Samples { get; set; } = true;

    /// <summary>Hosts the research sample's http_get may fetch.</summary>
    public List<string> ResearchAllowedHosts { get; } = [];

    /// <summary>The JSON search endpoint of web_search (DurableAgents:Search: Endpoint, ApiKey, paths, Http rules); none when no endpoint is set.</summary>
    public DurableAgents.Tools.BuiltIn.WebSearchOptions Search { get; } = new();

    /// <summary>Settings of the sample agents (DurableAgents:SampleSettings): the lesson pipeline's threshold, review and approval timeouts.</summary>
    public Samples.SampleAgentsOptions SampleSettings { get; } = new();

    /// <summary>History values longer than this are cut, with their size.</summary>
    public int HistoryValueMaxChars { get; set; } = 2_000;

    /// <summary>Every configured key.</summary>
    public IReadOnlyList<string> AllKeys =>
        ApiKeys.Concat(ApiKey is { Length: > 0 } single ? [single] : []).Where(k => !string.IsNullOrWhiteSpace(k)).Distinct().ToList();

    /// <summary>The data path as an absolute path.</summary>
    public string FullDataPath => Path.GetFullPath(DataPath);
}
