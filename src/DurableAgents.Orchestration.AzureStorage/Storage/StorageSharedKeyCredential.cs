using System.Security.Cryptography;
using System.Text;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>A storage account name and key used to sign requests; the key is never exposed or printed.</summary>
public sealed class StorageSharedKeyCredential
{
    private readonly byte[] _key;

    /// <summary>Creates a credential from an account name and its base64 account key.</summary>
    public StorageSharedKeyCredential(string accountName, string accountKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountKey);
        AccountName = accountName;
        _key = DecodeKey(accountKey);
    }

    /// <summary>The storage account name.</summary>
    public string AccountName { get; }

    /// <summary>Computes the base64 HMAC-SHA256 of <paramref name="stringToSign"/> with the account key.</summary>
    public string ComputeSignature(string stringToSign)
    {
        ArgumentNullException.ThrowIfNull(stringToSign);
        return Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    /// <summary>Describes the credential without revealing the key.</summary>
    public override string ToString() => $"StorageSharedKeyCredential(AccountName={AccountName})";

    private static byte[] DecodeKey(string accountKey)
    {
        try
        {
            return Convert.FromBase64String(accountKey);
        }
        catch (FormatException)
        {
            // Never echo the key: it is a secret even when malformed.
            throw new FormatException(
                "The storage AccountKey is not valid base64. Copy the key again from the storage account's 'Access keys' page.");
        }
    }
}
