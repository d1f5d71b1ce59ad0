using System.Net;
using System.Net.Sockets;

namespace CityServices.Testing;

/// <summary>Ports on 127.0.0.1 for tests that must know an address before something listens on it.</summary>
public static class Loopback
{
    /// <summary>A port nothing listens on right now, for a server whose own address is configured (an issuer, anvil).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>An address where nothing listens: connections to it are refused at once.</summary>
    public static Uri NothingListens() => new($"http://127.0.0.1:{FreePort()}/");
}
