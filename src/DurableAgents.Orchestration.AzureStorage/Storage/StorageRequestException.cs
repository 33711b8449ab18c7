namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>A storage request failed: the service answered with an error status, or it could not be reached.</summary>
public class StorageRequestException : Exception
{
    /// <summary>Creates an exception for a failed storage request.</summary>
    public StorageRequestException(int status, string? errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        ErrorCode = errorCode;
    }

    /// <summary>The HTTP status code, or 0 when no response was received (network failure after all retries).</summary>
    public int Status { get; }

    /// <summary>The service's error code (e.g. <c>BlobAlreadyExists</c>, <c>ConditionNotMet</c>), if it gave one.</summary>
    public string? ErrorCode { get; }

    /// <summary>True for 404: the queue, container, blob or message does not exist.</summary>
    public bool IsNotFound => Status == 404;

    /// <summary>True for 409: e.g. the blob already exists (If-None-Match: *) or a lease is already held.</summary>
    public bool IsConflict => Status == 409;

    /// <summary>True for 412: an If-Match ETag did not match, or a lease id was missing or wrong.</summary>
    public bool IsPreconditionFailed => Status == 412;

    /// <summary>True when retrying later may succeed (no response, 408, 429 or 5xx).</summary>
    public bool IsTransient => Status is 0 or 408 or 429 or >= 500;

    /// <summary>True when the error code equals <paramref name="errorCode"/> (see <see cref="StorageErrorCodes"/>).</summary>
    public bool Is(string errorCode) => string.Equals(ErrorCode, errorCode, StringComparison.OrdinalIgnoreCase);
}
