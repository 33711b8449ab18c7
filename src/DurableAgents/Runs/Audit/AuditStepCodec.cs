using System.Globalization;
using System.Text;

namespace DurableAgents.Runs.Audit;

/// <summary>
/// The stored text of an <see cref="AuditStep"/>, written in its own compact form (no JSON envelope or keys, since a step's record
/// rides in every step's conversation segment and its size counts against what a run keeps). Lines are separated by LF; the first is
/// <c>[*]step TAB requested-ms TAB duration-ms</c> (<c>*</c> marks the run's first record), then one line per call:
/// <c>call-id TAB kind+permission codes TAB outcome [TAB sub-run TAB approval-reason TAB approval TAB approver TAB decided-ms]</c>,
/// trailing empty fields left out. Backslash, TAB and LF in a field are escaped as <c>\\</c>, <c>\t</c>, <c>\n</c>.
/// </summary>
internal static class AuditStepCodec
{
    private static readonly string[] Kinds = ["tool", "sub-agent", "escalation"];
    private static readonly string[] Permissions = ["read", "write", "destructive", "sub-agent", "human", "none"];
    private const string KindCodes = "tse";
    private const string PermissionCodes = "rwdshn";

    public static string Encode(AuditStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var requested = Millis(step.RequestedAt);
        var builder = new StringBuilder();
        builder.Append(step.First ? "*" : "").Append(Number(step.Step)).Append('\t').Append(Number(requested)).Append('\t')
            .Append(Number(Math.Max(0, Millis(step.CompletedAt) - requested)));
        foreach (var call in step.Calls)
        {
            string[] fields =
            [
                Escape(call.CallId), $"{Code(Kinds, KindCodes, call.Kind)}{Code(Permissions, PermissionCodes, call.Permission)}",
                Escape(call.Outcome), Escape(call.SubRunId), Escape(call.ApprovalReason), Escape(call.Approval), Escape(call.Approver),
                call.DecidedAt is { } decided ? Number(Millis(decided)) : "",
            ];
            var used = fields.Length;
            while (used > 3 && fields[used - 1].Length == 0)
            {
                used--;
            }

            builder.Append('\n').AppendJoin('\t', fields.Take(used));
        }

        return builder.ToString();
    }

    public static AuditStep Decode(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var lines = stored.Split('\n');
        var header = lines[0].Split('\t');
        var first = header[0].StartsWith('*');
        if (header.Length != 3 || !int.TryParse(header[0].AsSpan(first ? 1 : 0), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw new FormatException("A stored audit step has no valid header line (step, time, duration).");
        }

        var requested = ParseMillis(header[1]);
        var calls = lines.Skip(1).Select(DecodeCall).ToList();
        return new AuditStep(number, first, requested, requested.AddMilliseconds(ParseLong(header[2])), calls);
    }

    private static AuditCall DecodeCall(string line)
    {
        var fields = line.Split('\t');
        if (fields.Length < 3 || fields[1].Length != 2)
        {
            throw new FormatException("A stored audit call needs a call id, its kind and permission codes, and its outcome.");
        }

        string? Field(int index) => index < fields.Length && fields[index].Length > 0 ? Unescape(fields[index]) : null;
        return new AuditCall(Unescape(fields[0]), Word(Kinds, KindCodes, fields[1][0]), Word(Permissions, PermissionCodes, fields[1][1]), Unescape(fields[2]))
        {
            SubRunId = Field(3),
            ApprovalReason = Field(4),
            Approval = Field(5),
            Approver = Field(6),
            DecidedAt = Field(7) is { } decided ? ParseMillis(decided) : null,
        };
    }

    private static char Code(string[] words, string codes, string word) =>
        Array.IndexOf(words, word) is var at and >= 0
            ? codes[at]
            : throw new ArgumentException($"'{word}' is not one of the audit's values ({string.Join(", ", words)}).", nameof(word));

    private static string Word(string[] words, string codes, char code) =>
        codes.IndexOf(code, StringComparison.Ordinal) is var at and >= 0
            ? words[at]
            : throw new FormatException($"A stored audit call has the unknown code '{code}'.");

    private static long Millis(DateTime at) => (at.ToUniversalTime() - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMillisecond;

    private static DateTime ParseMillis(string text) => DateTime.UnixEpoch.AddMilliseconds(ParseLong(text));

    private static long ParseLong(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"A stored audit step has '{text}' where a number belongs.");

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 == text.Length)
            {
                builder.Append(text[i]);
                continue;
            }

            builder.Append(text[++i] switch { 't' => '\t', 'n' => '\n', var other => other });
        }

        return builder.ToString();
    }
}
