using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace DurableAgents.Functions.Tests.Infrastructure;

/// <summary>Requests as the Functions worker's ASP.NET Core integration hands them to an HTTP trigger, and the results it writes.</summary>
public static class FunctionHttp
{
    public static HttpRequest Request(IServiceProvider services, string method, string pathAndQuery, string? body = null, IDictionary<string, string>? headers = null)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        var split = pathAndQuery.Split('?', 2);
        http.Request.Method = method;
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("localhost", 7071);
        http.Request.Path = split[0];
        http.Request.QueryString = split.Length > 1 ? new QueryString("?" + split[1]) : QueryString.Empty;
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            http.Request.Body = new MemoryStream(bytes);
            http.Request.ContentLength = bytes.Length;
            http.Request.ContentType = "application/json";
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            http.Request.Headers[name] = value;
        }

        http.Response.Body = new MemoryStream();
        return http.Request;
    }

    /// <summary>Signature headers for a webhook POST, signed the way docs tell a sender to, independently of the app's signer.</summary>
    public static Dictionary<string, string> Signed(string path, string body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(FunctionsApp.Secret), Encoding.UTF8.GetBytes($"{timestamp}.POST.{path}.{body}"));
        return new() { ["X-Signature-256"] = "sha256=" + Convert.ToHexStringLower(mac), ["X-Signature-Timestamp"] = timestamp };
    }

    /// <summary>Executes the result against the request's context and reads back status, content type and JSON body.</summary>
    public static async Task<Answer> ExecuteAsync(this IResult result, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(result);
        var http = request.HttpContext;
        await result.ExecuteAsync(http);
        http.Response.Body.Position = 0;
        var text = await new StreamReader(http.Response.Body).ReadToEndAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new Answer(http.Response.StatusCode, http.Response.ContentType, json, http.Response.Headers);
    }

    public sealed record Answer(int Status, string? ContentType, JsonElement Body, IHeaderDictionary Headers)
    {
        public string? Phase => Body.TryGetProperty("customStatus", out var s) && s.ValueKind == JsonValueKind.Object ? s.GetProperty("phase").GetString() : null;

        public string RuntimeStatus => Body.GetProperty("runtimeStatus").GetString()!;
    }
}
