using System.Net;
using System.Text.Json;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Orchestration.AzureStorage.Naming;
using DurableAgents.Orchestration.AzureStorage.Storage;

namespace DurableAgents.Host.Tests.Azure;

/// <summary>
/// Plays the Functions host in front of a custom handler in Triggered mode: receives the engine's queue messages and posts each
/// as an invocation of <c>engine-control-N</c> or <c>engine-workitems</c>, deleting it on success as the queue trigger does.
/// </summary>
public sealed class FunctionsHostStandIn(HttpClient http, StorageConnection storage, TaskHubLayout layout)
{
    private readonly HashSet<string> _duplicated = [];

    /// <summary>Invocations answered with success, including duplicates.</summary>
    public int Succeeded { get; private set; }

    /// <summary>Duplicate deliveries sent (each control message is delivered twice).</summary>
    public int Duplicates { get; private set; }

    /// <summary>Failed invocations (left for redelivery), with their answers.</summary>
    public List<string> Failures { get; } = [];

    /// <summary>The payload the Functions host posts for a queue trigger: the decoded text as a JSON string inside a JSON string.</summary>
    public static string Payload(string messageText, string messageId, long dequeueCount, string functionName) =>
        JsonSerializer.Serialize(new
        {
            Data = new { message = JsonSerializer.Serialize(messageText) },
            Metadata = new { Id = JsonSerializer.Serialize(messageId), DequeueCount = dequeueCount, sys = new { MethodName = functionName } },
        });

    /// <summary>One pass over every queue; returns how many messages it handled.</summary>
    public async Task<int> PumpOnceAsync()
    {
        var handled = 0;
        var queues = Enumerable.Range(0, layout.PartitionCount)
            .Select(p => (Queue: layout.ControlQueue(p), Function: $"engine-control-{p}", Control: true))
            .Append((Queue: layout.WorkItemQueue, Function: "engine-workitems", Control: false));
        foreach (var (name, function, control) in queues)
        {
            var queue = new QueueClient(storage, name);
            await queue.CreateIfNotExistsAsync();
            foreach (var message in await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(5)))
            {
                handled++;
                // The Functions queue trigger base64-decodes messages before handing them over.
                var text = message.MessageText.TrimStart().StartsWith('{') ? message.MessageText : QueueMessageEncoding.FromBase64(message.MessageText);
                var ok = await InvokeAsync(function, text, message.MessageId, message.DequeueCount);
                if (ok && control && _duplicated.Add(message.MessageId))
                {
                    // At-least-once delivery: the same message again after it was processed must change nothing.
                    Duplicates++;
                    ok = await InvokeAsync(function, text, message.MessageId, message.DequeueCount + 1);
                }

                if (ok)
                {
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
            }
        }

        return handled;
    }

    private async Task<bool> InvokeAsync(string function, string text, string messageId, long dequeueCount)
    {
        var (response, body) = await http.SendAsync(HttpMethod.Post, $"/{function}", Payload(text, messageId, dequeueCount, function));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Failures.Add($"{function} {messageId}: {(int)response.StatusCode} {body}");
            return false;
        }

        Assert.Contains("Processed message", body.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Succeeded++;
        return true;
    }
}
