using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableAgents.Models;

/// <summary>Plans: one step per clause of the goal, each with the executor (tool or sub-agent) that fits it best.</summary>
internal static partial class StructuredAnswerer
{
    private static readonly string[] ArgumentFields = ["arguments", "args", "input", "parameters"];

    /// <summary>
    /// A list of steps for an array of objects; the clauses the prompts report as "Completed: task" are left out, and an executor
    /// reported as "Failed: executor | task | why" is not chosen again for that task.
    /// </summary>
    private static JsonArray PlanFor(string name, JsonElement schema, Request request)
    {
        var items = schema.TryGetProperty("items", out var i) ? i : default;
        if (SchemaType(items) != "object")
        {
            return [JsonValue.Create(TextFor(name, request))];
        }

        var completed = request.All("Completed");
        var failed = request.All("Failed").Select(f => f.Split(" | ")).Where(p => p.Length >= 2).ToList();
        var plan = new JsonArray();
        foreach (var clause in GoalText.Clauses(request.Goal))
        {
            if (completed.Any(c => c.Equals(clause, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var excluded = failed.Where(f => f[1].Trim().Equals(clause, StringComparison.OrdinalIgnoreCase)).Select(f => f[0].Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
            plan.Add(StepFor(clause, items, request, excluded));
        }

        return plan;
    }

    private static JsonObject StepFor(string clause, JsonElement items, Request request, HashSet<string> excluded)
    {
        var step = new JsonObject();
        var properties = items.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p.EnumerateObject().ToList() : [];
        var executorField = properties.FirstOrDefault(x => Enum(x.Value) is { Count: > 0 });
        var (executor, arguments) = executorField.Value.ValueKind == JsonValueKind.Object
            ? Executor(Enum(executorField.Value)!, clause, request, excluded)
            : ("", null);
        foreach (var property in properties)
        {
            if (property.Name == executorField.Name && executor.Length > 0)
            {
                step[property.Name] = executor;
            }
            else if (ArgumentFields.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
            {
                step[property.Name] = arguments is null ? new JsonObject() : JsonSerializer.SerializeToNode(arguments);
            }
            else if (SchemaType(property.Value) == "string")
            {
                step[property.Name] = clause;
            }
            else
            {
                step[property.Name] = ValueFor(property.Name, property.Value, request);
            }
        }

        return step;
    }

    /// <summary>The executor whose words fit the clause best (and whose arguments can be filled); a sub-agent when none fits.</summary>
    private static (string Name, Dictionary<string, object?>? Arguments) Executor(
        List<string> candidates, string clause, Request request, HashSet<string> excluded)
    {
        var words = GoalText.Keywords(clause);
        (string Name, Dictionary<string, object?>? Arguments, int Score)? best = null;
        foreach (var name in candidates.Where(c => !excluded.Contains(c)))
        {
            var profile = request.Tools.FirstOrDefault(t => t.Name == name);
            var isSubAgent = profile is null || profile.Properties.Select(x => x.Name).SequenceEqual(["task"]);
            var arguments = profile is null || isSubAgent ? null : ArgumentSynthesizer.Synthesize(profile, request.Goal, clause, "");
            if (!isSubAgent && arguments is null)
            {
                continue; // A tool whose required arguments this clause cannot fill.
            }

            var keywords = profile?.Keywords ?? GoalText.IdentifierWords(name);
            var score = words.Count(w => keywords.Any(k => GoalText.WordsMatch(w, k))) * 2 + (profile is null ? 0 : OfflinePlanner.HintScore(profile, clause));
            // A sub-agent can take any task: it wins a tie with a tool that matched nothing.
            score = score == 0 && isSubAgent ? 1 : score;
            if (best is null || score > best.Value.Score)
            {
                best = (name, arguments, score);
            }
        }

        return best is { } chosen ? (chosen.Name, chosen.Arguments) : (candidates.FirstOrDefault(c => !excluded.Contains(c)) ?? candidates[0], null);
    }
}
