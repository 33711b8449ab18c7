namespace DurableAgents.Models;

/// <summary>Settings for <see cref="OpenAIModels.CreateChatClient"/>: OpenAI, Azure OpenAI's v1 endpoint, or any OpenAI-compatible server.</summary>
/// <remarks>
/// Azure OpenAI: set <see cref="BaseUrl"/> to <c>https://NAME.openai.azure.com/openai/v1/</c> and <see cref="Model"/> to the
/// deployment name. Local servers (Ollama, vLLM, LM Studio): set <see cref="BaseUrl"/> (for example
/// <c>http://localhost:11434/v1/</c>); the key may be left empty and a placeholder is sent.
/// </remarks>
public sealed class OpenAIModelOptions
{
    /// <summary>The model used when <see cref="Model"/> is not configured.</summary>
    public const string DefaultModel = "gpt-4o-mini";

    /// <summary>The setting that lets model-call telemetry hold prompts, replies and tool arguments (the GenAI semantic conventions' name).</summary>
    public const string SensitiveTelemetrySetting = Telemetry.AgentTelemetryOptions.SensitiveDataSetting;

    /// <summary>The key sent to servers that need none (local OpenAI-compatible servers ignore it).</summary>
    public const string PlaceholderApiKey = "no-api-key-required";

    /// <summary>The public OpenAI API root, used when <see cref="BaseUrl"/> is null.</summary>
    public static readonly Uri OpenAIEndpoint = new("https://api.openai.com/v1/");

    /// <summary>The API key (OPENAI_API_KEY). Required unless <see cref="BaseUrl"/> points at a server that needs none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The API root (OPENAI_BASE_URL), for example https://api.openai.com/v1/; null means OpenAI.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The model or Azure deployment name (OPENAI_MODEL).</summary>
    public string Model { get; set; } = DefaultModel;

    /// <summary>How long one HTTP attempt may take before it fails as a transient timeout.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// True when model-call spans and logs may include message content, tool arguments and results (off by default: they may hold
    /// personal data and whatever tools returned). Never the API key.
    /// </summary>
    public bool EnableSensitiveTelemetryData { get; set; }

    /// <summary>
    /// The header that carries the key: null picks "api-key" for Azure OpenAI hosts (*.openai.azure.com,
    /// *.cognitiveservices.azure.com, *.services.ai.azure.com) and "Authorization: Bearer" for everything else.
    /// </summary>
    public string? ApiKeyHeader { get; set; }

    /// <summary>The header actually used for the key (see <see cref="ApiKeyHeader"/>).</summary>
    public string EffectiveApiKeyHeader => ApiKeyHeader ?? (IsAzureHost(Endpoint) ? "api-key" : "Authorization");

    /// <summary>The endpoint requests go to: <see cref="BaseUrl"/> or the public OpenAI API.</summary>
    public Uri Endpoint => BaseUrl is null ? OpenAIEndpoint : ParseBaseUrl(BaseUrl.OriginalString) ?? BaseUrl;

    /// <summary>
    /// Reads OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL and <see cref="SensitiveTelemetrySetting"/>; returns null when neither a key nor a base URL is set
    /// (so the caller can fall back to the offline model).
    /// </summary>
    /// <exception cref="InvalidOperationException">OPENAI_BASE_URL is set but is not an absolute http(s) URL.</exception>
    public static OpenAIModelOptions? FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var apiKey = Normalize(getVariable("OPENAI_API_KEY"));
        var baseUrlText = Normalize(getVariable("OPENAI_BASE_URL"));
        if (apiKey is null && baseUrlText is null)
        {
            return null;
        }

        Uri? baseUrl = null;
        if (baseUrlText is not null)
        {
            baseUrl = ParseBaseUrl(baseUrlText)
                ?? throw new InvalidOperationException(
                    $"OPENAI_BASE_URL '{baseUrlText}' is not an absolute http(s) URL. " +
                    "Set it to the API root, for example https://api.openai.com/v1/, https://NAME.openai.azure.com/openai/v1/ or http://localhost:11434/v1/.");
        }

        var options = new OpenAIModelOptions
        {
            ApiKey = apiKey ?? PlaceholderApiKey,
            BaseUrl = baseUrl,
            Model = Normalize(getVariable("OPENAI_MODEL")) ?? DefaultModel,
            EnableSensitiveTelemetryData = Telemetry.AgentTelemetryOptions.ReadSensitiveDataSetting(getVariable),
        };
        options.Validate();
        return options;
    }

    /// <summary>Checks the settings and throws an error that says which setting is wrong and how to fix it.</summary>
    /// <exception cref="InvalidOperationException">A setting is missing or invalid.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Model))
        {
            throw new InvalidOperationException(
                "No model is configured. Set OPENAI_MODEL (or OpenAIModelOptions.Model) to a model name such as gpt-4o-mini, or to the Azure deployment name.");
        }

        if (BaseUrl is not null && ParseBaseUrl(BaseUrl.OriginalString) is null)
        {
            throw new InvalidOperationException(
                $"The base URL '{BaseUrl.OriginalString}' is not an absolute http(s) URL. Set OPENAI_BASE_URL to the API root, for example https://api.openai.com/v1/.");
        }

        if (BaseUrl is null && string.IsNullOrWhiteSpace(ApiKey))
        {
            throw new InvalidOperationException(
                "No API key is configured for the OpenAI API. Set OPENAI_API_KEY, or set OPENAI_BASE_URL to an OpenAI-compatible server that needs no key.");
        }

        if (NetworkTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"NetworkTimeout must be positive; it was {NetworkTimeout}.");
        }
    }

    /// <summary>Describes the settings without the API key.</summary>
    public override string ToString() =>
        $"OpenAIModelOptions {{ Endpoint = {Endpoint}, Model = {Model}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "<none>" : "<set>")}, NetworkTimeout = {NetworkTimeout}, EnableSensitiveTelemetryData = {EnableSensitiveTelemetryData} }}";

    private static bool IsAzureHost(Uri endpoint) =>
        endpoint.Host.EndsWith(".openai.azure.com", StringComparison.OrdinalIgnoreCase)
        || endpoint.Host.EndsWith(".cognitiveservices.azure.com", StringComparison.OrdinalIgnoreCase)
        || endpoint.Host.EndsWith(".services.ai.azure.com", StringComparison.OrdinalIgnoreCase);

    private static string? Normalize(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Uri? ParseBaseUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        // Without a trailing slash a relative path would replace the last segment (".../v1" + "chat" = ".../chat").
        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}
