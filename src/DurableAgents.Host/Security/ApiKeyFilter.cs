using DurableAgents.Api;
using DurableAgents.Api.Http;
using DurableAgents.Api.Security;
using Microsoft.Extensions.Options;

namespace DurableAgents.Host.Security;

/// <summary>Requires a configured key in the <c>x-api-key</c> header or the <c>code</c> query parameter (as in Functions).</summary>
/// <remarks>With no key configured every request passes here; <see cref="LoopbackOnlyMiddleware"/> then limits the host to loopback.</remarks>
public sealed class ApiKeyFilter(IOptions<DurableAgentsApiOptions> options) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var error = ApiKeys.Check(context.HttpContext.Request, options.Value.AllKeys);
        return error is null ? await next(context) : Problems.Unauthorized(error);
    }
}
