using Azure.Core;
using Azure.Core.Pipeline;

namespace DurableAgents.Orchestration.AzureStorage.Tests.Storage;

/// <summary>Sends real HTTP but counts attempts that failed without a response, so tests can await a retry.</summary>
internal sealed class CountingTransport : HttpPipelineTransport
{
    private readonly HttpPipelineTransport _inner = new HttpClientTransport();
    private int _failures;

    public int Failures => Volatile.Read(ref _failures);

    public override Request CreateRequest() => _inner.CreateRequest();

    public override void Process(HttpMessage message) =>
        throw new NotSupportedException("The storage client is async only.");

    public override async ValueTask ProcessAsync(HttpMessage message)
    {
        try
        {
            await _inner.ProcessAsync(message);
        }
        catch
        {
            Interlocked.Increment(ref _failures);
            throw;
        }
    }
}
