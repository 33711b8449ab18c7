namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>The parts of a storage connection string that the clients need.</summary>
internal sealed record ParsedConnectionString(
    string AccountName,
    string AccountKey,
    Uri BlobEndpoint,
    Uri QueueEndpoint,
    Uri TableEndpoint,
    bool IsDevelopmentStorage)
{
    // ToString must never include the key (records print every property by default).
    public override string ToString() =>
        $"AccountName={AccountName}; BlobEndpoint={BlobEndpoint}; QueueEndpoint={QueueEndpoint}";
}

/// <summary>Parses <c>Key=Value;...</c> storage connection strings, including <c>UseDevelopmentStorage=true</c>.</summary>
internal static class ConnectionStringParser
{
    /// <summary>The account name of the storage emulator (Azurite).</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    // Azurite's fixed, publicly documented development key: not a secret.
    private const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly HashSet<string> KnownKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "AccountName", "AccountKey", "DefaultEndpointsProtocol", "EndpointSuffix", "BlobEndpoint",
        "QueueEndpoint", "TableEndpoint", "FileEndpoint", "UseDevelopmentStorage", "DevelopmentStorageProxyUri",
    };

    public static ParsedConnectionString Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new FormatException("The storage connection string is empty. Set it to 'UseDevelopmentStorage=true' " +
                "for Azurite or to 'DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=core.windows.net'.");
        }

        var values = SplitPairs(connectionString);
        if (values.TryGetValue("UseDevelopmentStorage", out var dev))
        {
            return ParseDevelopment(dev, values);
        }

        var accountName = Required(values, "AccountName");
        var accountKey = Required(values, "AccountKey");
        var protocol = values.GetValueOrDefault("DefaultEndpointsProtocol", "https").ToLowerInvariant();
        if (protocol is not ("http" or "https"))
        {
            throw new FormatException($"The connection string's DefaultEndpointsProtocol must be 'http' or 'https', not '{protocol}'.");
        }

        var suffix = values.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        return new ParsedConnectionString(
            accountName,
            accountKey,
            Endpoint(values, "BlobEndpoint", protocol, accountName, "blob", suffix),
            Endpoint(values, "QueueEndpoint", protocol, accountName, "queue", suffix),
            Endpoint(values, "TableEndpoint", protocol, accountName, "table", suffix),
            IsDevelopmentStorage: false);
    }

    private static ParsedConnectionString ParseDevelopment(string dev, Dictionary<string, string> values)
    {
        if (!bool.TryParse(dev, out var useDev) || !useDev)
        {
            throw new FormatException($"The connection string's UseDevelopmentStorage must be 'true', not '{dev}'.");
        }

        if (values.ContainsKey("DevelopmentStorageProxyUri"))
        {
            throw new FormatException("DevelopmentStorageProxyUri is not supported; give explicit BlobEndpoint/QueueEndpoint instead.");
        }

        const string host = "http://127.0.0.1";
        return new ParsedConnectionString(
            DevelopmentAccountName,
            DevelopmentAccountKey,
            new Uri($"{host}:10000/{DevelopmentAccountName}"),
            new Uri($"{host}:10001/{DevelopmentAccountName}"),
            new Uri($"{host}:10002/{DevelopmentAccountName}"),
            IsDevelopmentStorage: true);
    }

    private static Dictionary<string, string> SplitPairs(string connectionString)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var rawPart in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Split at the first '=' only: base64 keys end in '=' padding.
            var eq = rawPart.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"The storage connection string has a part without 'Key=Value' form: '{SafeFragment(rawPart)}'.");
            }

            var key = rawPart[..eq].Trim();
            var value = rawPart[(eq + 1)..].Trim();
            if (!KnownKeys.Contains(key))
            {
                throw new FormatException($"The storage connection string has an unsupported key '{SafeFragment(key)}'. Supported keys: " +
                    string.Join(", ", KnownKeys.Order(StringComparer.Ordinal)) + " (SAS connection strings are not supported).");
            }

            if (values.ContainsKey(key))
            {
                throw new FormatException($"The storage connection string sets '{key}' more than once.");
            }

            values[key] = value;
        }

        return values;
    }

    // A malformed part may be a pasted account key: echo it only if it looks like a key name (short, letters only).
    private static string SafeFragment(string fragment) =>
        fragment.Length <= 32 && fragment.All(char.IsAsciiLetter) ? fragment : "<redacted: not a key name>";

    private static string Required(Dictionary<string, string> values, string key)
    {
        if (!values.TryGetValue(key, out var value) || value.Length == 0)
        {
            throw new FormatException($"The storage connection string has no {key}. Add '{key}=...' " +
                "(or use 'UseDevelopmentStorage=true' for Azurite).");
        }

        return value;
    }

    private static Uri Endpoint(
        Dictionary<string, string> values, string key, string protocol, string account, string service, string suffix)
    {
        if (values.TryGetValue(key, out var explicitValue))
        {
            if (!Uri.TryCreate(explicitValue.TrimEnd('/'), UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            {
                throw new FormatException($"The connection string's {key} '{explicitValue}' is not an absolute http(s) URL.");
            }

            return uri;
        }

        return new Uri($"{protocol}://{account}.{service}.{suffix}");
    }
}
