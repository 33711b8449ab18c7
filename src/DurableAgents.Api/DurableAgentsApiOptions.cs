namespace DurableAgents.Api;

/// <summary>The settings the HTTP API reads, from the <c>DurableAgents</c> configuration section (the same in both hosts).</summary>
public class DurableAgentsApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "DurableAgents";

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

    /// <summary>History values longer than this are cut, with their size.</summary>
    public int HistoryValueMaxChars { get; set; } = 2_000;

    /// <summary>Every configured key.</summary>
    public IReadOnlyList<string> AllKeys =>
        ApiKeys.Concat(ApiKey is { Length: > 0 } single ? [single] : []).Where(k => !string.IsNullOrWhiteSpace(k)).Distinct().ToList();
}
