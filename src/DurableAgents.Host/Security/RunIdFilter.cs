using DurableAgents.Host.Api;
using DurableAgents.Runs;

namespace DurableAgents.Host.Security;

/// <summary>Refuses a route <c>{id}</c> that is not a valid instance id with 400 before any handler sees it.</summary>
public sealed class RunIdFilter : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.HttpContext.Request.RouteValues.TryGetValue("id", out var value) && value is string id
            && !RunIds.IsValid(id, out var error))
        {
            return Problems.BadRequest(error);
        }

        return await next(context);
    }
}
