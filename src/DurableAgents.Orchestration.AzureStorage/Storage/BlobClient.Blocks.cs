using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Azure.Core;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

public sealed partial class BlobClient
{
    // Uploads each block, then commits them in order with one Put Block List that carries the conditions,
    // so a failed or concurrent upload never leaves a half-written blob visible.
    private async Task<BlobWriteResult> UploadInBlocksAsync(
        ReadOnlyMemory<byte> bytes, BlobUploadOptions? options, CancellationToken cancellationToken)
    {
        var leaseId = options?.Conditions?.LeaseId;
        var blockIds = new List<string>();
        for (var offset = 0; offset < bytes.Length; offset += BlockSize)
        {
            // Ids must all have the same length; a per-upload prefix keeps concurrent uploads' blocks apart.
            var blockId = Convert.ToBase64String(Encoding.ASCII.GetBytes(
                $"{blockIds.Count.ToString("D6", CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}"));
            var chunk = bytes.Slice(offset, Math.Min(BlockSize, bytes.Length - offset));
            using var put = _pipeline.CreateMessage(RequestMethod.Put,
                StorageUri.Build(Uri, "", ("comp", "block"), ("blockid", blockId)));
            put.Request.Headers.SetValue("Content-Type", "application/octet-stream");
            if (leaseId is not null)
            {
                put.Request.Headers.SetValue("x-ms-lease-id", leaseId);
            }

            put.Request.Content = RequestContent.Create(chunk);
            await _pipeline.SendAsync(put, cancellationToken, 201).ConfigureAwait(false);
            blockIds.Add(blockId);
        }

        var list = new XElement("BlockList", blockIds.Select(id => new XElement("Latest", id)));
        var body = Encoding.UTF8.GetBytes(new XDeclaration("1.0", "utf-8", null) + list.ToString(SaveOptions.DisableFormatting));
        using var commit = _pipeline.CreateMessage(RequestMethod.Put, StorageUri.Build(Uri, "", ("comp", "blocklist")));
        var request = commit.Request;
        request.Headers.SetValue("Content-Type", "application/xml");
        request.Headers.SetValue("x-ms-blob-content-type", options?.ContentType ?? "application/octet-stream");
        BlobHeaders.Apply(request, options?.Conditions);
        BlobHeaders.ApplyMetadata(request, options?.Metadata);
        request.Content = RequestContent.Create(body);
        var response = await _pipeline.SendAsync(commit, cancellationToken, 201).ConfigureAwait(false);
        return BlobHeaders.WriteResult(response);
    }
}
