using DurableAgents.Dashboard.Tests.Infrastructure;
using DurableAgents.Samples;

namespace DurableAgents.Dashboard.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class RunsCliTests(CliHostFixture fixture)
{
    private DashboardHost Host => fixture.Host;

    [Fact]
    public async Task List_ShowsRunsNewestFirst_WithStatusAndOutcome()
    {
        var older = await Host.Http.StartRunAsync(SampleAgents.Background, "What is 6 * 7?", "cli-list-a-" + Suffix());
        await Host.Http.WaitForRunAsync(older, r => r.Status() == "Completed", "completed");
        var newer = await Host.Http.StartRunAsync(SampleAgents.Background, "What is 2 + 2?", "cli-list-b-" + Suffix());
        await Host.Http.WaitForRunAsync(newer, r => r.Status() == "Completed", "completed");

        var result = await CliRunner.RunAsync(Host, DashboardHost.Key, "runs", "list", "--prefix", "cli-list-", "--agent", SampleAgents.Background);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("Completed", result.Output, StringComparison.Ordinal);
        Assert.True(result.Output.IndexOf(newer, StringComparison.Ordinal) < result.Output.IndexOf(older, StringComparison.Ordinal), result.Output);
        Assert.Contains("2 of", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ByUser_ShowsOnlyThatUsersRuns()
    {
        var suffix = Suffix();
        var theirs = await Host.Http.StartRunAsync(SampleAgents.Background, "What is 6 * 7?", "cli-user-a-" + suffix, user: "cli-ada-" + suffix);
        var others = await Host.Http.StartRunAsync(SampleAgents.Background, "What is 2 + 2?", "cli-user-b-" + suffix, user: "cli-bob-" + suffix);
        await Host.Http.WaitForRunAsync(theirs, r => r.Status() == "Completed", "completed");
        await Host.Http.WaitForRunAsync(others, r => r.Status() == "Completed", "completed");

        var result = await CliRunner.RunAsync(Host, DashboardHost.Key, "runs", "list", "--user", "cli-ada-" + suffix);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains(theirs, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(others, result.Output, StringComparison.Ordinal);
        Assert.Contains("1 of 1 run(s)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_PrintsTheStepsAndWhatWaitsForApproval()
    {
        var id = await StartWaitingRunAsync("cli-show-");

        var result = await CliRunner.RunAsync(Host, DashboardHost.Key, "runs", "show", id);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("offline-planner", result.Output, StringComparison.Ordinal);
        Assert.Contains("list_records({}) -> ok", result.Output, StringComparison.Ordinal);
        Assert.Contains("Waiting for approval", result.Output, StringComparison.Ordinal);
        Assert.Contains("delete_records [destructive]", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_CompletesTheRun_AndRejectWithAComment_EndsItRejected()
    {
        var approved = await StartWaitingRunAsync("cli-approve-");
        var rejected = await StartWaitingRunAsync("cli-reject-");

        var yes = await CliRunner.RunAsync(Host, DashboardHost.Key, "runs", "approve", approved, "--as", "ops", "-m", "fine");
        var no = await CliRunner.RunAsync(Host, DashboardHost.Key, "runs", "reject", rejected, "--as", "ops", "--comment", "legal hold");

        Assert.True(yes.ExitCode == 0, yes.Output);
        Assert.Contains("applied: Applied: approved", yes.Output, StringComparison.Ordinal);
        Assert.True(no.ExitCode == 0, no.Output);
        Assert.Contains("legal hold", no.Output, StringComparison.Ordinal);
        Assert.Equal("Completed", (await Host.Http.WaitForRunAsync(approved, r => r.Status() == "Completed", "completed")).Outcome());
        Assert.Equal("Rejected", (await Host.Http.WaitForRunAsync(rejected, r => r.Status() == "Completed", "completed")).Outcome());

        // Deciding again is refused with the host's reason.
        var again = await CliRunner.RunAsync(Host, DashboardHost.Key, "runs", "approve", approved, "--as", "ops");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("409", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowFollow_PrintsEachStep_UntilTheRunEnds()
    {
        var id = await StartWaitingRunAsync("cli-follow-");
        var follow = CliRunner.RunAsync(Host, DashboardHost.Key, "runs", "show", id, "--follow");
        // Whether the follower's first look comes before or after this approval, it prints every step once and ends with the run.
        await Host.Http.PostAsync($"/api/runs/{id}/approval", new StringContent("""{"approved": true, "approver": "ops"}""", System.Text.Encoding.UTF8, "application/json"));

        var result = await follow.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains($"Following run {id}", result.Output, StringComparison.Ordinal);
        Assert.Contains("step 1  offline-planner", result.Output, StringComparison.Ordinal);
        // The samples share one records store, so whether records were left to delete depends on the tests before.
        Assert.Matches(@"\n  delete_records\(\{ ""filter"": ""delete the records of inactive customers"" \}\) -> ok: ", result.Output);
        Assert.Contains("Answer (Completed)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutTheKey_OrWithAWrongOne_ItSaysWhatToSet()
    {
        var missing = await CliRunner.RunAsync(Host, null, "runs", "list");
        var wrong = await CliRunner.RunAsync(Host, "wrong", "runs", "list");

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("The host needs an API key: set DURABLEAGENTS_API_KEY", missing.Output, StringComparison.Ordinal);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("The host refused the key", wrong.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHostThatIsNotThere_IsReportedAsNotReachable()
    {
        var result = await CliRunner.RunAsync(_ => null, "runs", "list", "--url", "http://127.0.0.1:9");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The host at http://127.0.0.1:9/ is not reachable (connection refused)", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("runs", "lst")]
    [InlineData("runs", "show")]
    [InlineData("runs", "list", "--top", "0")]
    public async Task AWrongCommandLine_ExitsWith2(params string[] args)
    {
        var result = await CliRunner.RunAsync(_ => null, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--help", result.Output, StringComparison.Ordinal);
    }

    private async Task<string> StartWaitingRunAsync(string prefix)
    {
        var id = await Host.Http.StartRunAsync(SampleAgents.Approval, SampleAgents.ApprovalGoal, prefix + Suffix());
        await Host.Http.WaitForRunAsync(id, r => r.IsWaitingForApproval(), "awaits approval");
        return id;
    }

    private static string Suffix() => Guid.NewGuid().ToString("N")[..8];
}
