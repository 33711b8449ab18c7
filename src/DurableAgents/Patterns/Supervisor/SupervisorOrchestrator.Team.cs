using System.Text;
using DurableAgents.Runs;
using DurableAgents.Runs.Loop;

namespace DurableAgents.Patterns;

/// <summary>What the team has so far, and what each prompt and task says.</summary>
public sealed partial class SupervisorOrchestrator
{
    private const int Preview = 400;

    /// <summary>The team's work between rounds: notes, the latest draft and review, and a line per round.</summary>
    private sealed class TeamState(string goal)
    {
        public string Goal { get; } = goal;

        public List<string> Notes { get; } = [];

        public string? Draft { get; private set; }

        public string? LastAnswer { get; private set; }

        public string? LastVerdict { get; private set; }

        public string? LastDelegation { get; private set; }

        /// <summary>Set after a rejection: the writer's next task.</summary>
        public string? Revision { get; set; }

        public List<string> Log { get; } = [];

        public void Note(int round, string worker, AgentRunResult result, SupervisorPattern pattern)
        {
            var answer = result.Answer ?? result.Reason ?? "";
            LastAnswer = answer;
            LastDelegation = $"{worker} ({result.Outcome})";
            Log.Add($"- round {round}: {worker} ({result.Outcome}): {Short(answer)}");
            if (result.Outcome != AgentRunOutcome.Completed)
            {
                return;
            }

            if (worker == pattern.Writer)
            {
                Draft = answer;
            }
            else if (worker == pattern.Reviewer)
            {
                LastVerdict = Verdict(answer);
                if (LastVerdict == "REJECTED" && Draft is not null)
                {
                    Revision = $"Revise the draft with the reviewer's feedback.\nGoal: {Goal}\nReviewer's feedback: {Flat(answer)}\nResearch notes:\n{string.Join('\n', Notes)}\n\nDraft:\n{Draft}";
                }
            }
            else
            {
                Notes.Add(answer);
            }
        }
    }

    private static string DecisionPrompt(PatternRun run, SupervisorPattern pattern, TeamState team, int round)
    {
        var builder = new StringBuilder($"Goal: {team.Goal}\nRound {round} of {pattern.MaxRounds}. Workers, in their usual order:\n");
        foreach (var worker in pattern.Workers)
        {
            builder.Append($"- {worker}: {run.Catalog.Find(worker)?.Description}\n");
        }

        builder.Append("So far:\n").Append(team.Log.Count == 0 ? "- nothing yet\n" : string.Join('\n', team.Log) + "\n");
        builder.Append($"Latest draft: {(team.Draft is null ? "none yet" : Short(team.Draft))}\n");
        builder.Append($"Latest review: {team.LastVerdict ?? "none yet"}\n");
        if (team.LastDelegation is { } last)
        {
            builder.Append($"Last delegation: {last}\n");
        }

        return builder.Append($"Decide the next step: delegate to one worker with its task, or '{SupervisorPattern.Finish}' once the reviewer has approved the draft.").ToString();
    }

    private static string WorkerTask(SupervisorPattern pattern, TeamState team, string worker, string task)
    {
        if (task.StartsWith("Revise the draft", StringComparison.Ordinal))
        {
            return task;
        }

        if (worker == pattern.Writer)
        {
            return $"{task}\nGoal: {team.Goal}\nResearch notes:\n{(team.Notes.Count == 0 ? "(none)" : string.Join('\n', team.Notes))}";
        }

        if (worker == pattern.Reviewer)
        {
            return $"Review the draft for: {team.Goal}\nCheck it and answer APPROVED, or REJECTED with what to fix.\n{task}\n\nDraft:\n{team.Draft ?? "(no draft yet)"}";
        }

        return $"{task}\nGoal of the team: {team.Goal}";
    }

    private static string Short(string text) => ToolResultFormatter.Preview(Flat(text), Preview);

    private static string Flat(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
