using DurableAgents.Host.Eval;
using DurableAgents.Testing;

namespace DurableAgents.Host.Tests.Eval;

/// <summary>Issue 14's eval command: the shipped cases on the offline model, a case that fails, and bad command lines.</summary>
public sealed class EvalCommandTests
{
    [Fact]
    public async Task TheShippedCases_AllPass_WithTheOfflineModel()
    {
        var result = await EvalConsole.RunAsync("eval", "--offline");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("Evaluating 18 case(s) with the offline model", result.Output, StringComparison.Ordinal);
        Assert.Contains("18 of 18 cases passed (100 %; threshold 90 %)", result.Output, StringComparison.Ordinal);
        foreach (var name in new[] { "supervisor-team", "lesson-human-review", "planner-replans", "pen-pals", "operations-governed", "loop", "hanging-tool" })
        {
            Assert.Matches($@"│ {name} +│", result.Output);
        }

        Assert.Matches(@"│ loop +│ LoopDetected +│ \d+ +│ \d+ +│ \$0\.0000 +│ pass", result.Output);
    }

    [Fact]
    public async Task ACaseThatMissesItsExpectations_FailsWithEachReason_AndTheRateBelowTheThresholdExitsOne()
    {
        using var folder = new TempFolder("da-eval");
        var cases = Path.Combine(folder.Path, "cases.json");
        await File.WriteAllTextAsync(cases, """
            {"threshold": 1, "cases": [
              {"name": "sum", "agent": "background", "input": "What is 2 + 3?", "expect": {"answerContains": ["= 5"], "toolsCalled": ["calculator"]}},
              {"name": "wrong", "agent": "background", "input": "What is 2 + 3?",
               "expect": {"answerContains": ["= 6"], "toolsCalled": ["current_time"], "toolsNotRun": ["calculator"]}, "budget": {"maxSteps": 1}}
            ]}
            """);

        var result = await EvalConsole.RunAsync("eval", "--offline", "--cases", cases, "--parallel", "1");

        Assert.True(result.ExitCode == EvalCommand.BelowThreshold, result.Output);
        Assert.Contains("1 of 2 cases passed (50 %; threshold 100 %)", result.Output, StringComparison.Ordinal);
        Assert.Contains("wrong (background, run eval-wrong): answer lacks \"= 6\"; current_time did not run; calculator ran; 2 steps, budget 1", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"cases": []}""", "has no cases")]
    [InlineData("""{"cases": [{"name": "a b", "agent": "background", "input": "x"}]}""", "needs a \"name\" of 1 to 60 letters")]
    [InlineData("""{"cases": [{"name": "a", "agent": "background", "input": "x"}, {"name": "A", "agent": "background", "input": "y"}]}""", "Case 'A' appears twice")]
    [InlineData("""{"cases": [{"name": "a", "agent": "background", "input": 5}]}""", "Case 'a' needs an \"input\"")]
    [InlineData("""{"cases": [{"name": "a", "agent": "background", "input": "x", "expect": {"outcome": "Great"}}]}""", "expects outcome 'Great'; use one of Completed")]
    [InlineData("""{"cases": [{"name": "a", "agent": "background", "input": "x", "approvals": "maybe"}]}""", "use \"approve\" or \"reject\"")]
    [InlineData("""{"threshold": 2, "cases": [{"name": "a", "agent": "background", "input": "x"}]}""", "\"threshold\" is 2")]
    [InlineData("""{"cases": [{"name": "a", "agent": "background", "input": "x", "budget": {"timeoutSeconds": 0}}]}""", "budget out of range")]
    [InlineData("not json", "is not valid JSON for cases")]
    public async Task ABadCasesFile_ExitsTwo_SayingWhatToFix(string json, string message)
    {
        using var folder = new TempFolder("da-eval");
        var cases = Path.Combine(folder.Path, "cases.json");
        await File.WriteAllTextAsync(cases, json);

        var result = await EvalConsole.RunAsync("eval", "--cases", cases);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--only", "ghost", "No case named 'ghost'; the cases are: background-arithmetic")]
    [InlineData("--threshold", "1.5", "--threshold must be from 0 to 1")]
    [InlineData("--cases", "/no/such/cases.json", "does not exist; pass --cases")]
    public async Task ABadOption_ExitsTwo(string option, string value, string message)
    {
        var result = await EvalConsole.RunAsync("eval", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }
}
