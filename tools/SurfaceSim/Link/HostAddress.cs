using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MixConsole.SurfaceSim.Cli;

namespace MixConsole.SurfaceSim.Link;

/// <summary>Parses "HOST:PORT", "HOST" (port 10023) or "[v6]:PORT" and resolves the host name once.</summary>
public static class HostAddress
{
    /// <summary>The X32 remote port, which <c>mixconsole serve</c> uses by default.</summary>
    public const int DefaultPort = 10023;

    /// <summary>Resolves <paramref name="text"/> to an endpoint, preferring IPv4; throws <see cref="UsageException"/> with the reason.</summary>
    public static IPEndPoint Parse(string text)
    {
        string host = text;
        int port = DefaultPort;
        int colon = text.LastIndexOf(':');
        bool bracketed = text.StartsWith('[');
        if (colon > 0 && (bracketed ? text.IndexOf("]:", StringComparison.Ordinal) == colon - 1 : text.IndexOf(':') == colon))
        {
            host = text[..colon];
            string digits = text[(colon + 1)..];
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port < 1 || port > 65535)
            {
                throw new UsageException($"--connect: '{digits}' is not a UDP port (1-65535)");
            }
        }

        host = host.Trim('[', ']');
        if (host.Length == 0)
        {
            throw new UsageException("--connect expects HOST:PORT, e.g. 127.0.0.1:10023");
        }

        if (IPAddress.TryParse(host, out IPAddress? address))
        {
            return new IPEndPoint(address, port);
        }

        IPAddress[] found;
        try
        {
            found = Dns.GetHostAddresses(host);
        }
        catch (SocketException e)
        {
            throw new UsageException($"--connect: cannot resolve '{host}': {e.Message}");
        }

        IPAddress? pick = found.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? found.FirstOrDefault();
        return pick is null ? throw new UsageException($"--connect: '{host}' has no address") : new IPEndPoint(pick, port);
    }
}
