namespace DurableAgents.Host.Tests.Telemetry;

/// <summary>One field of a protobuf message: its number, and its varint value or its bytes.</summary>
internal readonly record struct ProtoField(int Number, ulong Varint, ReadOnlyMemory<byte> Bytes);

/// <summary>
/// Reads the protobuf wire format, enough to decode OTLP exports in tests: the proto types are not published for .NET
/// (OpenTelemetry.Proto is not served here), and the OTLP exporter's own are internal.
/// </summary>
internal static class ProtoReader
{
    public static IEnumerable<ProtoField> Fields(ReadOnlyMemory<byte> message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var key = ReadVarint(message.Span, ref position);
            var number = (int)(key >> 3);
            switch ((int)(key & 7))
            {
                case 0:
                    yield return new ProtoField(number, ReadVarint(message.Span, ref position), default);
                    break;
                case 1:
                    yield return new ProtoField(number, BitConverter.ToUInt64(message.Span.Slice(position, 8)), message.Slice(position, 8));
                    position += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message.Span, ref position);
                    yield return new ProtoField(number, 0, message.Slice(position, length));
                    position += length;
                    break;
                case 5:
                    yield return new ProtoField(number, BitConverter.ToUInt32(message.Span.Slice(position, 4)), message.Slice(position, 4));
                    position += 4;
                    break;
                default:
                    throw new FormatException($"Unsupported protobuf wire type {key & 7} at byte {position}.");
            }
        }
    }

    /// <summary>The messages (or strings, or bytes) of a repeated or single length-delimited field.</summary>
    public static IEnumerable<ReadOnlyMemory<byte>> All(ReadOnlyMemory<byte> message, int number) =>
        Fields(message).Where(f => f.Number == number).Select(f => f.Bytes);

    public static ReadOnlyMemory<byte> One(ReadOnlyMemory<byte> message, int number) => All(message, number).FirstOrDefault();

    public static string Text(ReadOnlyMemory<byte> message, int number) => System.Text.Encoding.UTF8.GetString(One(message, number).Span);

    public static string Hex(ReadOnlyMemory<byte> message, int number) => Convert.ToHexStringLower(One(message, number).Span);

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }
}
