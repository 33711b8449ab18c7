using System.Text.Json;
using System.Text.RegularExpressions;
using DurableAgents.Durability;
using DurableAgents.Runs;

namespace DurableAgents.Host.Eval;

/// <summary>Reads and checks a cases file; every problem is named with the case and how to fix it.</summary>
public static partial class EvalCaseReader
{
    /// <summary>The cases file shipped next to the host (samples and the eight failure modes).</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Eval", "cases.json");

    /// <summary>Reads the file; throws <see cref="EvalCasesException"/> when it cannot be used.</summary>
    public static EvalCaseFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new EvalCasesException($"The cases file '{path}' does not exist; pass --cases with the path of a JSON cases file.");
        }

        EvalCaseFile? file;
        try
        {
            file = JsonSerializer.Deserialize<EvalCaseFile>(File.ReadAllText(path), AgentDataConverter.Options);
        }
        catch (JsonException e)
        {
            throw new EvalCasesException($"The cases file '{path}' is not valid JSON for cases ({e.Message}). See docs/samples.md for its shape.");
        }

        if (file?.Cases is not { Count: > 0 } cases)
        {
            throw new EvalCasesException($"The cases file '{path}' has no cases; it needs {{\"cases\": [{{\"name\": ..., \"agent\": ..., \"input\": ...}}]}}.");
        }

        if (file.Threshold is < 0 or > 1)
        {
            throw new EvalCasesException($"\"threshold\" is {file.Threshold}; use a share from 0 to 1, such as 0.9.");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (item, index) in cases.Select((c, i) => (c, i)))
        {
            Check(item, index, names);
        }

        return file;
    }

    private static void Check(EvalCase? item, int index, HashSet<string> names)
    {
        var where = $"Case {index + 1}";
        if (item is null || string.IsNullOrWhiteSpace(item.Name) || !NamePattern().IsMatch(item.Name))
        {
            throw new EvalCasesException($"{where} needs a \"name\" of 1 to 60 letters, digits or '-'.");
        }

        where = $"Case '{item.Name}'";
        if (!names.Add(item.Name))
        {
            throw new EvalCasesException($"{where} appears twice; give each case its own name.");
        }

        if (string.IsNullOrWhiteSpace(item.Agent))
        {
            throw new EvalCasesException($"{where} needs an \"agent\".");
        }

        if (item.Input.ValueKind is not (JsonValueKind.String or JsonValueKind.Object) || item.Goal.Trim().Length == 0)
        {
            throw new EvalCasesException($"{where} needs an \"input\": the goal as a string, or an object.");
        }

        if (!Enum.TryParse<AgentRunOutcome>(item.Expect.Outcome, ignoreCase: true, out _))
        {
            throw new EvalCasesException($"{where} expects outcome '{item.Expect.Outcome}'; use one of {string.Join(", ", Enum.GetNames<AgentRunOutcome>())}.");
        }

        if (item.Approvals is not (null or "approve" or "reject"))
        {
            throw new EvalCasesException($"{where} has \"approvals\": \"{item.Approvals}\"; use \"approve\" or \"reject\", or leave it out.");
        }

        if (item.Budget.MaxSteps < 1 || item.Budget.MaxTokens < 1 || item.Budget.MaxCostUsd < 0 || item.Budget.TimeoutSeconds is < 1 or > 3600)
        {
            throw new EvalCasesException($"{where} has a budget out of range: maxSteps and maxTokens at least 1, maxCostUsd at least 0, timeoutSeconds 1 to 3600.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,60}$")]
    private static partial Regex NamePattern();
}

/// <summary>A cases file that cannot be used; the message says why and how to fix it.</summary>
public sealed class EvalCasesException(string message) : Exception(message);
