using System.Net;
using Microsoft.AspNetCore.Http;

namespace MixConsole.Web.Server;

/// <summary>
/// What a request must be before anything answers it: a Host that names this machine by address or by its own
/// name (a page on another site that rebinds its name to the console's address is refused), and for the
/// WebSocket an Origin equal to that host (a page elsewhere cannot drive the console from a visitor's browser).
/// </summary>
internal static class RequestGuard
{
    /// <summary>True when the Host header names this machine: an IP literal, localhost, or the machine's name.</summary>
    public static bool IsHostAcceptable(HostString host)
    {
        if (!host.HasValue)
        {
            return false;
        }

        string name = host.Host;
        if (IPAddress.TryParse(name.Trim('[', ']'), out _))
        {
            return true;
        }

        string machine = Environment.MachineName;
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
               name.Equals(machine, StringComparison.OrdinalIgnoreCase) ||
               name.Equals(machine + ".local", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True when the request's Origin is this very host over http: the page came from the console.</summary>
    public static bool IsSameOrigin(HttpRequest request)
    {
        string? origin = request.Headers.Origin;
        return origin is not null && Uri.TryCreate(origin, UriKind.Absolute, out Uri? uri) && uri.Scheme == Uri.UriSchemeHttp &&
               string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase) && uri.AbsolutePath == "/";
    }
}
