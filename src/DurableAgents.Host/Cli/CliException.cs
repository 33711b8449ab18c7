namespace DurableAgents.Host.Cli;

/// <summary>A failure the CLI reports in one sentence (what went wrong and how to fix it) with exit code 1; never a stack trace.</summary>
public sealed class CliException(string message) : Exception(message);
