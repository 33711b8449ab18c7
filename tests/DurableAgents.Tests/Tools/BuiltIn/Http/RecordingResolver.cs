using System.Collections.Concurrent;
using System.Net;

namespace DurableAgents.Tests.Tools.BuiltIn.Http;

/// <summary>A fake DNS: answers from a script (one answer per call, the last repeating) and records the names asked.</summary>
internal sealed class RecordingResolver
{
    private readonly IPAddress[][] _answers;
    private readonly Exception? _failure;

    public RecordingResolver(params IPAddress[] addresses) => _answers = [addresses];

    public RecordingResolver(Exception failure)
    {
        _answers = [];
        _failure = failure;
    }

    private RecordingResolver(IPAddress[][] answers) => _answers = answers;

    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>A resolver whose answer changes from call to call, like a DNS-rebinding attacker's server.</summary>
    public static RecordingResolver Sequence(params IPAddress[][] answers) => new(answers);

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var call = Calls.Count;
        Calls.Enqueue(host);
        if (_failure is not null)
        {
            return Task.FromException<IPAddress[]>(_failure);
        }

        return Task.FromResult(_answers[Math.Min(call, _answers.Length - 1)]);
    }
}
