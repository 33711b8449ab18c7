using System.Text;
using System.Text.RegularExpressions;

namespace DurableAgents.Testing.Azurite;

/// <summary>Collects Azurite's console output and reports the ports it chose.</summary>
internal sealed partial class AzuriteOutput
{
    private readonly StringBuilder _text = new();
    private readonly Dictionary<string, int> _ports = new(StringComparer.OrdinalIgnoreCase);
    private readonly TaskCompletionSource<(int Blob, int Queue, int Table)> _allPorts =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Everything printed so far (for failure messages).</summary>
    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_text)
        {
            _text.AppendLine(line);
            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                _ports[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value);
            }

            if (_ports.TryGetValue("Blob", out var blob) && _ports.TryGetValue("Queue", out var queue) &&
                _ports.TryGetValue("Table", out var table))
            {
                _allPorts.TrySetResult((blob, queue, table));
            }
        }
    }

    public Task<(int Blob, int Queue, int Table)> WaitForPortsAsync(CancellationToken cancellationToken) =>
        _allPorts.Task.WaitAsync(cancellationToken);

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
