using System.Net;
using DurableAgents.Host.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace DurableAgents.Host.Security;

/// <summary>With no key configured, answers only requests from this machine (403 otherwise).</summary>
public sealed class LoopbackOnlyMiddleware(RequestDelegate next, IOptions<DurableAgentsHostOptions> options)
{
    /// <summary>Runs the check.</summary>
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problems);
        var remote = context.Connection.RemoteIpAddress;

        // In-process test servers have no remote address: they are this machine.
        if (options.Value.AllKeys.Count == 0 && remote is not null && !IPAddress.IsLoopback(remote))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = 403,
                    Title = "Forbidden.",
                    Detail = "No API key is configured, so this host answers only requests from this machine. Set DurableAgents:ApiKeys to serve others.",
                },
            });
            return;
        }

        await next(context);
    }
}
