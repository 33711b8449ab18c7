using Microsoft.Extensions.AI;

namespace DurableAgents.Tools.BuiltIn;

/// <summary>Factory methods for the built-in agent tools, each an <see cref="AIFunction"/> with a JSON schema.</summary>
public static class BuiltInTools
{
    /// <summary>The default per-file size cap of the file tools: 1 MiB.</summary>
    public const long DefaultMaxFileBytes = 1024 * 1024;

    /// <summary>current_time: the time now in UTC and optionally in a time zone.</summary>
    public static AIFunction CurrentTime(TimeProvider? timeProvider = null) =>
        AIFunctionFactory.Create(
            new CurrentTimeTool(timeProvider).GetCurrentTime,
            "current_time",
            "Returns the current date and time in UTC (ISO-8601), and in a time zone if one is given (IANA or Windows id).");

    /// <summary>calculator: safe arithmetic evaluation (its own parser, no code execution).</summary>
    public static AIFunction Calculator() =>
        AIFunctionFactory.Create(
            new CalculatorTool().Evaluate,
            "calculator",
            "Evaluates an arithmetic expression exactly as written and returns the number. Supports + - * / % ^, "
            + "parentheses, sqrt abs min max round floor ceil ln log10 exp sin cos tan, and the constants pi and e.");

    /// <summary>http_get: fetch a public URL with SSRF protection, size cap and timeout.</summary>
    /// <remarks>The returned function owns an <see cref="HttpGetTool"/> (and its connection pool) for its lifetime.</remarks>
    public static AIFunction HttpGet(HttpGetToolOptions? options = null) =>
        AIFunctionFactory.Create(
            new HttpGetTool(options).GetAsync,
            "http_get",
            "Fetches a public http(s) URL with GET and returns the status code, content type and the body as text "
            + "(HTML reduced to text, long bodies truncated). Private and local network addresses are refused.");

    /// <summary>web_search: search a JSON search endpoint (SearXNG-style by default) with the SSRF rules of http_get.</summary>
    /// <remarks>The returned function owns a <see cref="JsonSearchClient"/> (and its connection pool) for its lifetime.</remarks>
    public static AIFunction WebSearch(WebSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return WebSearch(new JsonSearchClient(options), options.MaxResults);
    }

    /// <summary>web_search over any search backend.</summary>
    public static AIFunction WebSearch(ISearchClient client, int defaultCount = 5) =>
        AIFunctionFactory.Create(
            new WebSearchTool(client, defaultCount).SearchAsync,
            "web_search",
            "Searches the web and returns the best hits, each with title, URL and snippet. Use it to find facts and sources.");

    /// <summary>read_file: read a text file inside the sandbox folder.</summary>
    public static AIFunction ReadFile(string sandboxRoot, long maxFileBytes = DefaultMaxFileBytes) =>
        AIFunctionFactory.Create(
            new SandboxFileTools(sandboxRoot, maxFileBytes).ReadFileAsync,
            "read_file",
            "Reads a UTF-8 text file from the sandbox folder, given a relative path; long files are truncated.");

    /// <summary>write_file: create or replace a text file inside the sandbox folder.</summary>
    public static AIFunction WriteFile(string sandboxRoot, long maxFileBytes = DefaultMaxFileBytes) =>
        AIFunctionFactory.Create(
            new SandboxFileTools(sandboxRoot, maxFileBytes).WriteFileAsync,
            "write_file",
            "Creates or replaces a UTF-8 text file in the sandbox folder, given a relative path and the full content.");

    /// <summary>list_files: list a folder inside the sandbox folder.</summary>
    public static AIFunction ListFiles(string sandboxRoot) =>
        AIFunctionFactory.Create(
            new SandboxFileTools(sandboxRoot).ListFiles,
            "list_files",
            "Lists the files and folders in a folder of the sandbox (relative path, '.' for the top), optionally recursively.");
}
