namespace DurableAgents.Models;

/// <summary>Settings of <see cref="ModelErrorsChatClient"/>.</summary>
public sealed record ModelErrorsOptions
{
    /// <summary>Strings never to show in an error message (the API key); anything shaped like an OpenAI key is removed too.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    /// <summary>The client's network timeout, named in the message of a timed-out call; null when unknown.</summary>
    public TimeSpan? NetworkTimeout { get; init; }

    /// <summary>Turns a Retry-After date into a delay.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
