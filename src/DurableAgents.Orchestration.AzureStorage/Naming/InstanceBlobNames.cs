using System.Globalization;

namespace DurableAgents.Orchestration.AzureStorage.Naming;

/// <summary>Blob names of an instance's history chunks and oversized states in the instances container.</summary>
/// <remarks>
/// Ids are escaped character by character, so the escaped form of an id prefix is a prefix of the escaped id
/// (prefix queries become blob-name prefix listings) and any id is a valid blob name.
/// </remarks>
internal static class InstanceBlobNames
{
    public static string Escape(string instanceId) =>
        Uri.EscapeDataString(instanceId).Replace(".", "%2E", StringComparison.Ordinal);

    /// <summary>A state too large for its table entity; under the history prefix so that a purge removes it too.</summary>
    public static string StateBody(string instanceId, string bodyId) => $"{HistoryPrefix(instanceId)}state-{bodyId}";

    public static string HistoryPrefix(string instanceId) => $"history/{Escape(instanceId)}/";

    public static string HistoryChunk(string instanceId, int generation, int index, string chunkId) =>
        $"{HistoryPrefix(instanceId)}{generation.ToString("D6", CultureInfo.InvariantCulture)}/{index.ToString("D8", CultureInfo.InvariantCulture)}-{chunkId}";

    public static string GenerationPrefix(string instanceId, int generation) =>
        $"{HistoryPrefix(instanceId)}{generation.ToString("D6", CultureInfo.InvariantCulture)}/";
}
