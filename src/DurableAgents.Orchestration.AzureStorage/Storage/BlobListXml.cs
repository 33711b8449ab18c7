using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Azure;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>Parses the List Blobs <c>EnumerationResults</c> document.</summary>
internal static class BlobListXml
{
    public static BlobPage Parse(ReadOnlyMemory<byte> body)
    {
        var root = XDocument.Parse(Encoding.UTF8.GetString(body.Span)).Root
            ?? throw new FormatException("The List Blobs response is empty.");
        var blobs = root.Element("Blobs")?.Elements("Blob").Select(ParseBlob).ToList() ?? [];
        var next = root.Element("NextMarker")?.Value;
        return new BlobPage(blobs, string.IsNullOrEmpty(next) ? null : next);
    }

    private static BlobItem ParseBlob(XElement blob)
    {
        var props = blob.Element("Properties");
        var etag = props?.Element("Etag")?.Value ?? "";
        var modified = props?.Element("Last-Modified")?.Value;
        var length = props?.Element("Content-Length")?.Value;
        return new BlobItem(
            blob.Element("Name")?.Value ?? throw new FormatException("A List Blobs entry has no <Name>."),
            BlobHeaders.ParseETag(etag),
            modified is null ? DateTimeOffset.MinValue : DateTimeOffset.Parse(modified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            length is null ? 0 : long.Parse(length, CultureInfo.InvariantCulture),
            props?.Element("LeaseState")?.Value);
    }
}
