namespace DurableAgents.Orchestration.Execution;

/// <summary>A scheduled task the orchestrator awaits, completed by a history event.</summary>
internal interface IOpenTask
{
    void Complete(string? serializedResult);

    void Fail(TaskFailureDetails failure);
}

internal sealed class OpenTask<T>(string name, int id, DataConverter converter) : IOpenTask
{
    private readonly TaskCompletionSource<T> _completion = new();

    public Task<T> Task => _completion.Task;

    public void Complete(string? serializedResult)
    {
        T value;
        try
        {
            value = (T)converter.Deserialize(serializedResult, typeof(T))!;
        }
        catch (Exception ex)
        {
            var failure = new TaskFailureDetails(
                ex.GetType().FullName!, $"The result of '{name}' could not be read as {typeof(T).Name}: {ex.Message}", IsNonRetriable: true);
            _completion.TrySetException(new TaskFailedException(name, id, failure));
            return;
        }

        _completion.TrySetResult(value);
    }

    public void Fail(TaskFailureDetails failure) => _completion.TrySetException(new TaskFailedException(name, id, failure));

    public void Cancel() => _completion.TrySetCanceled();
}
