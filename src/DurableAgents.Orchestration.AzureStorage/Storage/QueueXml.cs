using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>Writes and reads the Queue service's XML bodies.</summary>
internal static class QueueXml
{
    /// <summary>Serializes <c>&lt;QueueMessage&gt;&lt;MessageText&gt;...&lt;/MessageText&gt;&lt;/QueueMessage&gt;</c>, escaping the text.</summary>
    public static byte[] MessageBody(string messageText)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false, CheckCharacters = true };
        using var stream = new MemoryStream();
        try
        {
            using (var writer = XmlWriter.Create(stream, settings))
            {
                new XElement("QueueMessage", new XElement("MessageText", messageText)).WriteTo(writer);
            }
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException("The queue message text contains characters XML cannot carry (e.g. control " +
                "characters). Encode it with QueueMessageEncoding.ToBase64 first.", nameof(messageText), ex);
        }

        return stream.ToArray();
    }

    public static IEnumerable<XElement> Messages(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return [];
        }

        var root = XDocument.Parse(Encoding.UTF8.GetString(body.Span)).Root;
        return root?.Elements("QueueMessage") ?? [];
    }

    public static string Text(XElement message, string name) =>
        message.Element(name)?.Value ?? throw new FormatException($"The queue service response lacks <{name}>.");

    public static DateTimeOffset Time(XElement message, string name) =>
        DateTimeOffset.Parse(Text(message, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static long Number(XElement message, string name) =>
        long.Parse(Text(message, name), CultureInfo.InvariantCulture);
}
