using System.Security.Cryptography;
using System.Text;
using DurableAgents.Host.Api;
using DurableAgents.Host.Hosting;
using Microsoft.Extensions.Options;

namespace DurableAgents.Host.Security;

/// <summary>Requires a configured key in the <c>x-api-key</c> header or the <c>code</c> query parameter (as in Functions).</summary>
/// <remarks>With no key configured every request passes here; <see cref="LoopbackOnlyMiddleware"/> then limits the host to loopback.</remarks>
public sealed class ApiKeyFilter(IOptions<DurableAgentsHostOptions> options) : IEndpointFilter
{
    /// <summary>The header that carries the key.</summary>
    public const string HeaderName = "x-api-key";

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var error = Check(context.HttpContext.Request, options.Value.AllKeys);
        return error is null ? await next(context) : Problems.Unauthorized(error);
    }

    /// <summary>Null when the request carries an accepted key (or none is configured); otherwise why not.</summary>
    public static string? Check(HttpRequest request, IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return null;
        }

        var given = request.Headers[HeaderName].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        if (string.IsNullOrEmpty(given))
        {
            return $"This endpoint needs a key: send it in the '{HeaderName}' header or as ?code=.";
        }

        var givenBytes = Encoding.UTF8.GetBytes(given);
        return keys.Any(k => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(k), givenBytes))
            ? null
            : "The key is not valid.";
    }
}
