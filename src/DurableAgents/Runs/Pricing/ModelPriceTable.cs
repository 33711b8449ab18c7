using System.Collections.Concurrent;

namespace DurableAgents.Runs.Pricing;

/// <summary>The price of one model, in USD per million tokens.</summary>
/// <param name="InputPerMillion">USD per million input (prompt) tokens.</param>
/// <param name="OutputPerMillion">USD per million output (completion) tokens.</param>
public sealed record ModelPrice(decimal InputPerMillion, decimal OutputPerMillion);

/// <summary>
/// Prices per model id, used to sum a run's cost. Lookups match the exact id first, then the longest registered prefix
/// (so "gpt-4o-2024-08-06" uses "gpt-4o"); an unknown model costs 0. Register your own table in DI to change prices.
/// </summary>
public sealed class ModelPriceTable
{
    private readonly ConcurrentDictionary<string, ModelPrice> _prices = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A table with list prices of a few OpenAI models (as published when this was written) and 0 for the offline model.</summary>
    public static ModelPriceTable CreateDefault()
    {
        var table = new ModelPriceTable();
        table.Set("gpt-4o", new ModelPrice(2.50m, 10.00m));
        table.Set("gpt-4o-mini", new ModelPrice(0.15m, 0.60m));
        table.Set("gpt-4.1", new ModelPrice(2.00m, 8.00m));
        table.Set("gpt-4.1-mini", new ModelPrice(0.40m, 1.60m));
        table.Set("gpt-4.1-nano", new ModelPrice(0.10m, 0.40m));
        table.Set("o3-mini", new ModelPrice(1.10m, 4.40m));
        table.Set("o4-mini", new ModelPrice(1.10m, 4.40m));
        table.Set(Models.OfflineChatClient.ModelName, new ModelPrice(0m, 0m));
        return table;
    }

    /// <summary>Sets (or replaces) the price of a model id.</summary>
    public ModelPriceTable Set(string modelId, ModelPrice price)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ArgumentNullException.ThrowIfNull(price);
        if (price.InputPerMillion < 0 || price.OutputPerMillion < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(price), price, "Prices must be zero or positive.");
        }

        _prices[modelId] = price;
        return this;
    }

    /// <summary>The price for a model id (exact, then longest prefix), or null when unknown.</summary>
    public ModelPrice? Find(string? modelId)
    {
        if (string.IsNullOrEmpty(modelId))
        {
            return null;
        }

        if (_prices.TryGetValue(modelId, out var exact))
        {
            return exact;
        }

        return _prices
            .Where(p => modelId.StartsWith(p.Key, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(p => p.Key.Length)
            .Select(p => p.Value)
            .FirstOrDefault();
    }

    /// <summary>The cost in USD of a call; 0 for an unknown model.</summary>
    public decimal CostOf(string? modelId, long inputTokens, long outputTokens)
    {
        var price = Find(modelId);
        return price is null ? 0m : ((inputTokens * price.InputPerMillion) + (outputTokens * price.OutputPerMillion)) / 1_000_000m;
    }
}
