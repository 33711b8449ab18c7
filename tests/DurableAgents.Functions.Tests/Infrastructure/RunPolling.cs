using DurableAgents.Functions.Http;
using DurableAgents.Testing;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Functions.Tests.Infrastructure;

/// <summary>Waits on a run through the app's own GetRun function, as a client of the app would.</summary>
public static class RunPolling
{
    public static async Task<FunctionHttp.Answer> WaitForRunAsync(
        this RunFunctions runs, IServiceProvider services, DurableTaskClient client, string id, Func<FunctionHttp.Answer, bool> condition, string what)
    {
        FunctionHttp.Answer? last = null;
        await TestDeadline.WaitUntilAsync(async () =>
        {
            var request = FunctionHttp.Request(services, "GET", $"/api/runs/{id}");
            last = await (await runs.GetAsync(request, id, client, default)).ExecuteAsync(request);
            return last.Status == 200 && condition(last);
        }, what, seconds: 90);
        return last!;
    }
}
