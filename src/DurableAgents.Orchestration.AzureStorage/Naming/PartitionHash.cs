using System.Text;

namespace DurableAgents.Orchestration.AzureStorage.Naming;

/// <summary>Maps instance ids to partitions with FNV-1a, which is stable across processes and .NET versions (unlike string.GetHashCode).</summary>
public static class PartitionHash
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    /// <summary>The 32-bit FNV-1a hash of the UTF-8 bytes of <paramref name="value"/>.</summary>
    public static uint Fnv1a(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var hash = OffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            hash ^= b;
            hash *= Prime;
        }

        return hash;
    }

    /// <summary>The partition (0..<paramref name="partitionCount"/>-1) of <paramref name="instanceId"/>.</summary>
    public static int Partition(string instanceId, int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        return (int)(Fnv1a(instanceId) % (uint)partitionCount);
    }
}
