using System.Net;
using System.Net.Sockets;

namespace DurableAgents.Testing;

/// <summary>Loopback ports for tests: one the OS has just handed out, so nothing else holds it.</summary>
internal static class LoopbackPort
{
    /// <summary>A free loopback port (released again: a test binds it, or uses it as a port nobody listens on).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
