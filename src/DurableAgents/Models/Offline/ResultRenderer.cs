using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DurableAgents.Models;

/// <summary>
/// Turns one tool result into a sentence a person can read, quoting what the tool returned: a calculation with its expression,
/// a time with its zone, search hits with their sources, a sub-agent's answer, a failure with its reason.
/// </summary>
internal static partial class ResultRenderer
{
    private const int Preview = 300;

    public static string Render(ToolOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (SubAgentPattern().Match(outcome.Text) is { Success: true } sub)
        {
            var answer = StripLabel(sub.Groups["answer"].Value);
            var reason = sub.Groups["reason"].Success ? $" ({sub.Groups["reason"].Value})" : "";
            return $"{sub.Groups["agent"].Value} ({sub.Groups["outcome"].Value}{reason}): {GoalText.Truncate(answer, 600)}";
        }

        if (!outcome.Succeeded)
        {
            return $"{outcome.ToolName} could not be used ({outcome.Status}): {GoalText.Truncate(outcome.Text, Preview)}";
        }

        var json = TryParse(outcome.Text);
        return json switch
        {
            { ValueKind: JsonValueKind.Object } o when Has(o, "utc") => Time(o),
            { ValueKind: JsonValueKind.Object } o when Has(o, "results") && Has(o, "query") => Search(o),
            { ValueKind: JsonValueKind.Object } o when Has(o, "statusCode") && Has(o, "text") => Fetched(o),
            { ValueKind: JsonValueKind.Object } o when Has(o, "bytesWritten") => $"Saved {Text(o, "path")} ({Text(o, "bytesWritten")} bytes).",
            _ when ConversationView.ArgumentText(outcome.Arguments, "expression") is { } expression && IsNumber(outcome.Text) =>
                $"{expression} = {outcome.Text.Trim()}.",
            { ValueKind: JsonValueKind.Array } a => $"{outcome.ToolName} returned {a.GetArrayLength()} item(s): {Items(a)}.",
            { ValueKind: JsonValueKind.Object } o => $"{outcome.ToolName} returned {Pairs(o)}.",
            _ => $"{outcome.ToolName} returned: {GoalText.Truncate(outcome.Text, Preview)}",
        };
    }

    /// <summary>The text without the offline model's label (an answer quoted inside another answer is labelled once).</summary>
    public static string StripLabel(string text) => text.Replace(OfflineChatClient.Label, "", StringComparison.Ordinal).Trim();

    private static string Time(JsonElement o)
    {
        var utc = Text(o, "utc");
        if (Text(o, "timeZone") is { Length: > 0 } zone && DateTimeOffset.TryParse(Text(o, "local"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return $"In {zone} it is {local:yyyy-MM-dd HH:mm} ({Text(o, "localDayOfWeek")}, UTC{local:zzz}); in UTC it is {utc}.";
        }

        return $"It is {utc} UTC ({Text(o, "utcDayOfWeek")}).";
    }

    private static string Search(JsonElement o)
    {
        var results = o.GetProperty(Name(o, "results")).EnumerateArray().ToList();
        if (results.Count == 0)
        {
            return $"Searching for \"{Text(o, "query")}\" found nothing.";
        }

        var builder = new StringBuilder($"Searching for \"{Text(o, "query")}\" found {results.Count} result(s):");
        var n = 0;
        foreach (var hit in results)
        {
            builder.Append($"\n{++n}. {Text(hit, "title")}: {GoalText.Truncate(Text(hit, "snippet"), 200)} ({Text(hit, "url")})");
        }

        return builder.ToString();
    }

    private static string Fetched(JsonElement o) =>
        $"{Text(o, "url")} answered {Text(o, "statusCode")}: {GoalText.Truncate(Text(o, "text"), Preview)}";

    private static string Items(JsonElement array) =>
        string.Join("; ", array.EnumerateArray().Take(10).Select(i => i.ValueKind == JsonValueKind.Object ? Pairs(i) : Scalar(i)));

    private static string Pairs(JsonElement o) =>
        string.Join(", ", o.EnumerateObject().Take(8).Select(p => $"{p.Name} {GoalText.Truncate(Scalar(p.Value), 120)}"));

    private static string Scalar(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString() ?? "" : e.GetRawText();

    private static JsonElement TryParse(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.Length == 0 || trimmed[0] is not ('{' or '['))
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static bool IsNumber(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _) || text.Trim() is "Infinity" or "-Infinity" or "NaN";

    private static bool Has(JsonElement o, string name) => o.EnumerateObject().Any(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    private static string Name(JsonElement o, string name) => o.EnumerateObject().First(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Name;

    private static string Text(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.EnumerateObject().FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: not JsonValueKind.Undefined } p
            ? Scalar(p.Value)
            : "";

    [GeneratedRegex(@"\ASub-agent '(?<agent>[^']+)' ended with (?<outcome>\w+)(?: \((?<reason>.*?)\))? after \d+ step\(s\)\. Its answer:\n(?<answer>.*)\z", RegexOptions.Singleline)]
    private static partial Regex SubAgentPattern();
}
