using System.Text.Json;

namespace DurableAgents.Models;

/// <summary>Fills a tool's arguments from its JSON schema and the goal, deterministically.</summary>
internal static class ArgumentSynthesizer
{
    private static readonly string[] ExpressionNames = ["expression", "expr", "formula", "equation", "math", "calculation"];
    private static readonly string[] UrlNames = ["url", "uri", "link", "href", "website", "endpoint"];
    private static readonly string[] EmailNames = ["to", "email", "recipient", "recipients", "email_address", "address"];
    private static readonly string[] PlaceNames = ["city", "location", "place", "country", "region", "town", "person"];
    private static readonly string[] FileNames = ["path", "file", "filename", "file_name", "filepath", "file_path", "target", "destination"];
    private static readonly string[] ContentNames = ["content", "contents", "text", "body", "data", "markdown", "message", "report", "summary", "draft", "document"];
    private static readonly string[] TimeZoneNames = ["timezone", "time_zone", "tz", "zone"];
    private static readonly string[] QueryNames = ["query", "q", "search", "topic", "keywords", "terms", "term"];

    /// <summary>Returns the arguments, or null when a required argument cannot be given a sensible value (the tool is skipped).</summary>
    /// <param name="tool">The tool.</param>
    /// <param name="goal">The whole goal.</param>
    /// <param name="clause">The part of the goal about this tool.</param>
    /// <param name="gathered">What earlier calls found, for content arguments.</param>
    /// <param name="fitToSchema">Fit numbers into the schema's minimum and maximum (a second try after the runtime refused them).</param>
    public static Dictionary<string, object?>? Synthesize(ToolProfile tool, string goal, string clause, string gathered, bool fitToSchema = false)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        var numbers = new Queue<double>(GoalText.Numbers(clause).Concat(GoalText.Numbers(goal)).Distinct());
        foreach (var (name, schema) in tool.Properties)
        {
            var required = tool.Required.Contains(name);
            var value = ValueFor(name, schema, required, goal, clause, gathered, numbers, fitToSchema);
            if (value is null)
            {
                if (required)
                {
                    return null;
                }

                continue;
            }

            arguments[name] = value.Value;
        }

        return arguments;
    }

    private static JsonElement? ValueFor(string name, JsonElement schema, bool required, string goal, string clause, string gathered, Queue<double> numbers, bool fit)
    {
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("enum", out var values)
            && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0)
        {
            // The value the goal names ("room B"), else the first one.
            var words = GoalText.Keywords(clause).Concat(clause.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var named = values.EnumerateArray().FirstOrDefault(v => v.ValueKind == JsonValueKind.String && words.Contains(v.GetString()!));
            return named.ValueKind != JsonValueKind.Undefined ? named.Clone() : required ? values[0].Clone() : null;
        }

        var lower = name.ToLowerInvariant();
        switch (TypeOf(schema))
        {
            case "number":
            case "integer":
                return NumberFor(schema, required, numbers, integer: TypeOf(schema) == "integer", fit);
            case "boolean":
                return required ? Json(false) : null;
            case "array":
                return required ? Json(ArrayFor(schema, clause)) : null;
            case "object":
                return required ? Json(new Dictionary<string, object>()) : null;
            default:
                return StringFor(lower, required, goal, clause, gathered);
        }
    }

    private static JsonElement? StringFor(string name, bool required, string goal, string clause, string gathered)
    {
        if (ExpressionNames.Contains(name))
        {
            var expression = GoalText.Expression(clause) ?? GoalText.Expression(goal);
            return expression is null ? null : Json(expression);
        }

        // A request that names its topic ("Topic: ...") is searched for that topic, not for its instructions.
        if (QueryNames.Contains(name) && GoalText.Labelled(goal, "Topic") is { Length: > 0 } topic)
        {
            return Json(topic);
        }

        // A query is one line: the clause about the tool, not the context a task carries below it.
        if (QueryNames.Contains(name))
        {
            var query = GoalText.StripLeadingVerbs(GoalText.FirstLine(clause));
            return Json(query.Length > 0 ? query : GoalText.StripLeadingVerbs(GoalText.FirstLine(goal)));
        }

        if (TimeZoneNames.Contains(name))
        {
            return (GoalText.TimeZone(clause) ?? GoalText.TimeZone(goal)) is { } zone ? Json(zone) : null;
        }

        if (UrlNames.Contains(name))
        {
            return GoalText.Url(goal) is { } url ? Json(url) : null;
        }

        if (EmailNames.Contains(name))
        {
            return GoalText.Email(goal) is { } email ? Json(email) : null;
        }

        if (PlaceNames.Contains(name) && (GoalText.ProperNoun(clause) ?? GoalText.ProperNoun(goal)) is { } place)
        {
            return Json(place);
        }

        if (FileNames.Contains(name))
        {
            var file = GoalText.FileName(goal);
            return file is not null || required ? Json(file ?? "report.md") : null;
        }

        // A sub-agent's task: its part of the goal, with what was gathered so far when it acts on it.
        if (name == "task" && required)
        {
            var part = GoalText.StripLeadingVerbs(clause);
            return Json(gathered.Length > 0 ? $"{(part.Length > 0 ? part : goal.Trim())}\nFindings:\n{gathered}" : part.Length > 0 ? part : goal.Trim());
        }

        if (ContentNames.Contains(name))
        {
            var material = GoalText.Material(goal);
            return Json(gathered.Length > 0 ? gathered : material.Count > 0 ? string.Join('\n', material) : goal);
        }

        if (!required)
        {
            return null;
        }

        var rest = GoalText.StripLeadingVerbs(clause);
        return Json(rest.Length > 0 ? rest : goal.Trim());
    }

    private static JsonElement? NumberFor(JsonElement schema, bool required, Queue<double> numbers, bool integer, bool fit)
    {
        if (numbers.Count > 0)
        {
            var n = numbers.Dequeue();
            if (fit)
            {
                n = Math.Clamp(n, Bound(schema, "minimum") ?? double.MinValue, Bound(schema, "maximum") ?? double.MaxValue);
            }

            return integer ? Json((long)Math.Round(n)) : Json(n);
        }

        if (!required)
        {
            return null;
        }

        if (schema.TryGetProperty("default", out var fallback) && fallback.ValueKind == JsonValueKind.Number)
        {
            return fallback.Clone();
        }

        if (schema.TryGetProperty("minimum", out var minimum) && minimum.ValueKind == JsonValueKind.Number)
        {
            return minimum.Clone();
        }

        return Json(1);
    }

    private static object[] ArrayFor(JsonElement schema, string clause)
    {
        var itemType = schema.TryGetProperty("items", out var items) ? TypeOf(items) : "string";
        return itemType == "string" ? [GoalText.StripLeadingVerbs(clause)] : [];
    }

    private static double? Bound(JsonElement schema, string name) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(name, out var bound) && bound.ValueKind == JsonValueKind.Number ? bound.GetDouble() : null;

    /// <summary>The schema's type; for a union such as ["integer","null"] the first non-null member; "string" when absent.</summary>
    private static string TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type))
        {
            return "string";
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            return type.GetString() ?? "string";
        }

        if (type.ValueKind == JsonValueKind.Array)
        {
            foreach (var member in type.EnumerateArray())
            {
                if (member.ValueKind == JsonValueKind.String && member.GetString() != "null")
                {
                    return member.GetString()!;
                }
            }
        }

        return "string";
    }

    private static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value);
}
