namespace DurableAgents.Host;

/// <summary>Settings the Azure Functions host gives a custom handler.</summary>
public static class CustomHandlerSettings
{
    /// <summary>The port the Functions host expects the handler on.</summary>
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>True when running behind the Functions host.</summary>
    public static bool IsCustomHandler(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration?[PortVariable]);
}
