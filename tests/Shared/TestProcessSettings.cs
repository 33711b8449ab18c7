using System.Runtime.CompilerServices;

namespace DurableAgents.Testing;

/// <summary>Process-wide settings every test assembly applies before its first test, and its child processes inherit.</summary>
internal static class TestProcessSettings
{
    /// <summary>
    /// Turns off configuration reload-on-change for every host the tests build. Each host would otherwise hold inotify watches
    /// on its settings files, and the test projects run side by side with many hosts each: Linux's default of 128 inotify
    /// instances per user ran out, and hosts then failed to start.
    /// </summary>
#pragma warning disable CA2255 // A test assembly's own start-up, not a library's: it must run before any test builds a host.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Apply() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}
