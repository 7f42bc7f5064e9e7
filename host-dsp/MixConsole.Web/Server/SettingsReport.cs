using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json;
using MixConsole.Control.Security;
using MixConsole.Control.Server;
using MixConsole.Control.Transport;
using MixConsole.Web.Live;

namespace MixConsole.Web.Server;

/// <summary>
/// What the settings page shows (<c>/api/settings</c>): where the console listens, the access rules in force (never
/// the pairing key, only whether one is set) and who is connected: OSC subscribers and open pages, merged by address.
/// Everything here is a serve option, so the report only reads; nothing in it changes the console.
/// </summary>
internal static class SettingsReport
{
    /// <summary>Writes the report; <paramref name="server"/> and <paramref name="access"/> may be absent (tests, no OSC).</summary>
    public static void Write(Utf8JsonWriter json, WebConsoleOptions options, Uri? address, OscServer? server, AccessController? access, WebSocketOscTransport pages)
    {
        json.WriteStartObject();
        WriteNetwork(json, options, address, server);
        WriteAccess(json, access);
        WriteClients(json, server, access, pages);
        json.WriteEndObject();
    }

    private static void WriteNetwork(Utf8JsonWriter json, WebConsoleOptions options, Uri? address, OscServer? server)
    {
        json.WriteStartObject("network");
        json.WriteString("bind", options.Bind.ToString());
        json.WriteNumber("httpPort", options.Port);
        int? oscPort = server?.Transports.OfType<UdpOscTransport>().FirstOrDefault()?.LocalEndPoint.Port;
        if (oscPort is { } port)
        {
            json.WriteNumber("oscPort", port);
        }
        else
        {
            json.WriteNull("oscPort");
        }

        json.WriteStartArray("links");
        foreach (IOscTransport link in server?.Transports ?? [])
        {
            json.WriteStringValue(link.Name);
        }

        json.WriteEndArray();
        json.WriteStartArray("urls");
        foreach (string url in Urls(options, address))
        {
            json.WriteStringValue(url);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    // The addresses a phone can open: the bound one, or with the wildcard bind every address this host has, loopback last.
    private static IEnumerable<string> Urls(WebConsoleOptions options, Uri? advertised)
    {
        var urls = new List<string>();
        if (advertised is not null) urls.Add(advertised.ToString());
        IEnumerable<IPAddress> addresses = options.Bind.Equals(IPAddress.Any) || options.Bind.Equals(IPAddress.IPv6Any)
            ? NetworkInterface.GetAllNetworkInterfaces()
                .Where(nic => nic.OperationalStatus == OperationalStatus.Up)
                .SelectMany(nic => nic.GetIPProperties().UnicastAddresses.Select(u => u.Address))
                .Where(a => a.AddressFamily == AddressFamily.InterNetwork || (options.Bind.Equals(IPAddress.IPv6Any) && !a.IsIPv6LinkLocal))
                .OrderBy(IPAddress.IsLoopback)
            : [options.Bind];
        foreach (IPAddress a in addresses)
        {
            string host = a.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{a}]" : a.ToString();
            string url = $"http://{host}:{options.Port.ToString(CultureInfo.InvariantCulture)}/";
            if (!urls.Contains(url)) urls.Add(url);
        }

        return urls;
    }

    private static void WriteAccess(Utf8JsonWriter json, AccessController? access)
    {
        json.WriteStartObject("access");
        json.WriteBoolean("checked", access is not null);
        json.WriteStartArray("allow");
        foreach (CidrNetwork network in access?.Allowlist.Networks ?? [])
        {
            json.WriteStringValue(network.ToString());
        }

        json.WriteEndArray();
        json.WriteBoolean("pairingKeySet", access?.Pairing is not null);
        if (access?.Pairing is { } pairing)
        {
            json.WriteNumber("pairingHours", pairing.SessionDuration.TotalHours);
        }

        json.WriteEndObject();
    }

    private static void WriteClients(Utf8JsonWriter json, OscServer? server, AccessController? access, WebSocketOscTransport pages)
    {
        long now = Stopwatch.GetTimestamp();
        var clients = new Dictionary<OscPeer, Client>();
        foreach (WebPage page in pages.Pages)
        {
            clients[page.Peer] = new Client(page.Peer)
            {
                PagePath = page.PagePath,
                ReadOnly = page.ReadOnly,
                Age = Stopwatch.GetElapsedTime(page.ConnectedAt, now),
                SinceHeard = Stopwatch.GetElapsedTime(page.LastHeard, now),
            };
        }

        foreach (OscSubscriberStatus s in server?.ListSubscribers() ?? [])
        {
            if (!clients.TryGetValue(s.Peer, out Client? client))
            {
                // A web page that has gone is no client any more, whatever its lapsing subscription says.
                if (s.Peer.Kind == OscPeerKind.Web) continue;
                clients[s.Peer] = client = new Client(s.Peer)
                {
                    // An unpaired OSC client's changes are refused in paired mode; the serial line and the panel are trusted.
                    ReadOnly = s.Peer.Kind == OscPeerKind.Udp && access?.Pairing is { } pairing && !pairing.IsPaired(s.Peer),
                    Age = s.Age,
                    SinceHeard = s.SinceRenewal,
                };
            }

            client.Subscriptions.Add(s.Address);
            if (s.Age > client.Age) client.Age = s.Age;
            if (s.SinceRenewal < client.SinceHeard) client.SinceHeard = s.SinceRenewal;
        }

        json.WriteStartArray("clients");
        foreach (Client c in clients.Values.OrderBy(c => c.Peer.Kind).ThenByDescending(c => c.Age))
        {
            json.WriteStartObject();
            json.WriteString("kind", c.Peer.Kind switch
            {
                OscPeerKind.Web => "web page",
                OscPeerKind.Udp => "osc udp",
                OscPeerKind.Serial => "osc serial",
                OscPeerKind.Local => "panel",
                _ => "other",
            });
            json.WriteString("address", c.Peer.HasIPAddress ? c.Peer.ToIPEndPoint().ToString() : c.Peer.ToString());
            json.WriteString("page", c.PagePath);
            json.WriteBoolean("readOnly", c.ReadOnly);
            json.WriteNumber("connectedSeconds", Math.Round(c.Age.TotalSeconds, 1));
            json.WriteNumber("lastSeenSeconds", Math.Round(c.SinceHeard.TotalSeconds, 1));
            json.WriteStartArray("subscriptions");
            foreach (string subscription in c.Subscriptions)
            {
                json.WriteStringValue(subscription);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private sealed class Client(OscPeer peer)
    {
        public OscPeer Peer { get; } = peer;

        public string PagePath { get; init; } = "";

        public bool ReadOnly { get; init; }

        public TimeSpan Age { get; set; }

        public TimeSpan SinceHeard { get; set; }

        public List<string> Subscriptions { get; } = [];
    }
}
