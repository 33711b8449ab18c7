namespace DurableAgents.Host.Hosting;

/// <summary>
/// The host will not start, for a reason the operator can fix (bad configuration, an unsafe bind, a data folder in use).
/// <c>Program</c> prints its message once, without a stack trace, and exits with code 2.
/// </summary>
public sealed class StartupRefusalException(string message, Exception? inner = null) : Exception(message, inner);
