using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DurableAgents.Runs.Conversation;

/// <summary>
/// A chain segment: the messages one step (or one compaction) added, after its parent segment. Items are message ids, or
/// messages inline (encoded with <see cref="MessageCodec"/>): inline saves an entry and an id per message the step writes itself.
/// An item may also be the run's audit record of the step before (not a message: readers of the conversation skip it).
/// </summary>
/// <param name="Parent">The segment before (null at the start of a conversation).</param>
/// <param name="Compacted">
/// True for a compaction: its items are the whole conversation from here on, and the parent is kept only as the archive of the
/// turns it replaced (for the run's record of tool calls), not read for the model.
/// </param>
/// <param name="Items">Each item is a message id, or an inline encoded message.</param>
internal sealed record Segment(string? Parent, bool Compacted, IReadOnlyList<SegmentItem> Items)
{
    /// <summary>The stored text: a header line (<c>s</c> or <c>k</c> + parent id), then <c>r</c> + id + LF per stored message and
    /// <c>m</c> + length + <c>:</c> + message per inline one, <c>a</c> + length + <c>:</c> + record for an audit record.</summary>
    public string Encode()
    {
        var builder = new StringBuilder();
        builder.Append(Compacted ? 'k' : 's').Append(Parent).Append('\n');
        foreach (var item in Items)
        {
            if (item.Id is { } id)
            {
                builder.Append('r').Append(id).Append('\n');
            }
            else
            {
                var (kind, text) = item.Audit is { } audit ? ('a', audit) : ('m', item.Inline!);
                builder.Append(kind).Append(text.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(text);
            }
        }

        return builder.ToString();
    }

    /// <summary>Reads a segment in the compact form or in the JSON form written before it (<c>{"parent":..,"messages":[ids]}</c>).</summary>
    public static Segment Decode(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.StartsWith('{'))
        {
            var old = JsonSerializer.Deserialize<JsonSegment>(stored, JsonOptions)
                ?? throw new FormatException("A stored conversation segment is JSON null.");
            return new Segment(old.Parent, false, (old.Messages ?? []).Select(SegmentItem.Ref).ToList());
        }

        var header = stored.IndexOf('\n', StringComparison.Ordinal);
        if (stored.Length == 0 || stored[0] is not ('s' or 'k') || header < 0)
        {
            throw new FormatException("A stored conversation segment has no header line.");
        }

        var parent = header == 1 ? null : stored[1..header];
        var items = new List<SegmentItem>();
        for (var at = header + 1; at < stored.Length;)
        {
            if (stored[at] == 'r')
            {
                var end = stored.IndexOf('\n', at);
                if (end < 0)
                {
                    throw new FormatException("A stored conversation segment has an unterminated message id.");
                }

                items.Add(SegmentItem.Ref(stored[(at + 1)..end]));
                at = end + 1;
            }
            else if (stored[at] is 'm' or 'a')
            {
                var colon = stored.IndexOf(':', at);
                var length = colon < 0 ? -1 : int.Parse(stored.AsSpan(at + 1, colon - at - 1), CultureInfo.InvariantCulture);
                if (length < 0 || colon + 1 + length > stored.Length)
                {
                    throw new FormatException("A stored conversation segment has an inline message running past its end.");
                }

                var text = stored.Substring(colon + 1, length);
                items.Add(stored[at] == 'a' ? SegmentItem.AuditOf(text) : SegmentItem.Of(text));
                at = colon + 1 + length;
            }
            else
            {
                throw new FormatException($"A stored conversation segment has an item starting with '{stored[at]}'.");
            }
        }

        return new Segment(parent, stored[0] == 'k', items);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record JsonSegment(string? Parent, IReadOnlyList<string>? Messages);
}

/// <summary>A segment item: the id of a stored message, an encoded message inline, or an audit record (<see cref="Audit"/>).</summary>
internal sealed record SegmentItem(string? Id, string? Inline)
{
    /// <summary>The stored text of an audit record (<c>Runs.Audit.AuditStepCodec</c>), for the audit item.</summary>
    public string? Audit { get; private init; }

    /// <summary>True for a message (stored or inline), false for an audit record.</summary>
    public bool IsMessage => Audit is null;

    public static SegmentItem Ref(string id) => new(id, null);

    public static SegmentItem Of(string encoded) => new(null, encoded);

    public static SegmentItem AuditOf(string record) => new(null, null) { Audit = record };
}
