using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace DurableAgents.Host.Api;

/// <summary>Turns exceptions into problem details with the right status and no stack trace.</summary>
public sealed partial class ExceptionProblems(IProblemDetailsService problems, ILogger<ExceptionProblems> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad when bad.StatusCode == 413 =>
                (413, "The request body is too large.", "Send a smaller body (DurableAgents:MaxRequestBodyBytes sets the limit)."),
            BadHttpRequestException bad => (bad.StatusCode, "The request is not valid.", BadRequestDetail(bad)),
            JsonException => (400, "The request is not valid.", "The body is not valid JSON for this endpoint."),
            ArgumentException argument => (400, "The request is not valid.", argument.Message),
            _ => (500, "An unexpected error occurred.", "The error was logged on the server."),
        };
        if (status == 500)
        {
            Log.Unhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
            Exception = exception,
        });
    }

    // Framework messages name parameter types; they are safe to show and say what was wrong.
    private static string BadRequestDetail(BadHttpRequestException e) =>
        e.InnerException is JsonException ? "The body is not valid JSON for this endpoint." : e.Message;

    private static partial class Log
    {
        [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "Unhandled error in {Method} {Path}")]
        public static partial void Unhandled(ILogger logger, Exception exception, string method, string path);
    }
}
