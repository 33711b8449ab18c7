extern alias selfhosted;

using DurableAgents.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DurableAgents.Functions.Tests.Infrastructure;

/// <summary>The self-hosted host in-process (throw-away SQLite task hub, no key: loopback only), to compare answers with.</summary>
public sealed class SelfHostedHost : WebApplicationFactory<selfhosted::Program>
{
    private readonly TempFolder _data = new("da-functions-selfhosted");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("DurableAgents:Backend", "memory");
        builder.UseSetting("DurableAgents:DataPath", _data.Path);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _data.Dispose();
        }
    }
}
