namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>Service error codes that callers commonly branch on.</summary>
public static class StorageErrorCodes
{
    /// <summary>Put Blob with If-None-Match: * found an existing blob (409).</summary>
    public const string BlobAlreadyExists = "BlobAlreadyExists";

    /// <summary>The blob does not exist (404).</summary>
    public const string BlobNotFound = "BlobNotFound";

    /// <summary>The container does not exist (404).</summary>
    public const string ContainerNotFound = "ContainerNotFound";

    /// <summary>The container already exists (409).</summary>
    public const string ContainerAlreadyExists = "ContainerAlreadyExists";

    /// <summary>An If-Match / If-None-Match condition failed (412).</summary>
    public const string ConditionNotMet = "ConditionNotMet";

    /// <summary>The blob is leased and the request carried no lease id (412).</summary>
    public const string LeaseIdMissing = "LeaseIdMissing";

    /// <summary>The request's lease id does not match the blob's lease (412 or 409).</summary>
    public const string LeaseIdMismatchWithLeaseOperation = "LeaseIdMismatchWithLeaseOperation";

    /// <summary>The blob's lease id does not match the one given for a write (412).</summary>
    public const string LeaseIdMismatchWithBlobOperation = "LeaseIdMismatchWithBlobOperation";

    /// <summary>Acquire found another active lease (409).</summary>
    public const string LeaseAlreadyPresent = "LeaseAlreadyPresent";

    /// <summary>Renew/change/release found no lease, e.g. it was broken or expired and taken (409).</summary>
    public const string LeaseNotPresentWithLeaseOperation = "LeaseNotPresentWithLeaseOperation";

    /// <summary>The queue does not exist (404).</summary>
    public const string QueueNotFound = "QueueNotFound";

    /// <summary>The queue exists with different metadata (409).</summary>
    public const string QueueAlreadyExists = "QueueAlreadyExists";

    /// <summary>The message id / pop receipt pair no longer matches a visible message (404).</summary>
    public const string MessageNotFound = "MessageNotFound";

    /// <summary>The pop receipt does not match the message's current one (400).</summary>
    public const string PopReceiptMismatch = "PopReceiptMismatch";

    /// <summary>The request body (e.g. a queue message over 64 KiB) is too large (413 or 400).</summary>
    public const string RequestBodyTooLarge = "RequestBodyTooLarge";

    /// <summary>No response was received after all retries.</summary>
    public const string TransportFailure = "TransportFailure";

    /// <summary>The table already exists (409).</summary>
    public const string TableAlreadyExists = "TableAlreadyExists";

    /// <summary>The table does not exist (404).</summary>
    public const string TableNotFound = "TableNotFound";

    /// <summary>Insert found an entity with the same keys (409).</summary>
    public const string EntityAlreadyExists = "EntityAlreadyExists";

    /// <summary>A table write's If-Match ETag did not match the entity's (412).</summary>
    public const string UpdateConditionNotSatisfied = "UpdateConditionNotSatisfied";
}
