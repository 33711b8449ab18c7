using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace DurableAgents.Host.Dashboard;

/// <summary>
/// Serves the web dashboard at <c>/dashboard/</c>: plain HTML, CSS and JavaScript modules embedded in this assembly (no build step,
/// no CDN). The files hold no data and are served without a key; every figure on the page comes from the API, which needs one.
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>Where the dashboard lives.</summary>
    public const string Path = "/dashboard";

    // Scripts and styles only from this host, no inline code, no framing: a value that slipped past the page's escaping could not run.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>Maps <c>/dashboard</c> (redirects to <c>/dashboard/</c>) and the dashboard's files under it.</summary>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var files = new EmbeddedFileProvider(typeof(DashboardEndpoints).Assembly, "DurableAgents.Host.Dashboard.Site");
        // The catch-all also matches "/dashboard": send it to "/dashboard/" so the page's relative links resolve under it.
        app.MapGet(Path + "/{**file}", (string? file, HttpContext http) => string.IsNullOrEmpty(file) && !http.Request.Path.Value!.EndsWith('/')
            ? TypedResults.Redirect(Path + "/")
            : Serve(files, file, http)).ExcludeFromDescription();
        return app;
    }

    private static IResult Serve(IFileProvider files, string? file, HttpContext http)
    {
        var name = string.IsNullOrEmpty(file) ? "index.html" : file;
        var info = IsSafe(name) ? files.GetFileInfo(name) : null;
        if (info is not { Exists: true } || !ContentTypes.TryGetContentType(name, out var contentType))
        {
            return TypedResults.NotFound();
        }

        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        return TypedResults.Stream(info.CreateReadStream(), contentType, lastModified: info.LastModified,
            entityTag: new EntityTagHeaderValue($"\"{info.LastModified.UtcTicks:x}-{info.Length:x}\""));
    }

    // Embedded names are flat: only plain relative names of our own files, never '..' or a rooted path.
    private static bool IsSafe(string name) =>
        name.Length <= 100 && !name.Contains("..", StringComparison.Ordinal)
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.') && name[0] != '/';
}
