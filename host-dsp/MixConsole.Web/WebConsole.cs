using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using MixConsole.Control.Meters;
using MixConsole.Control.Security;
using MixConsole.Control.Server;
using MixConsole.Control.Transport;
using MixConsole.Engine.Parameters;
using MixConsole.Web.Live;
using MixConsole.Web.Server;

namespace MixConsole.Web;

/// <summary>
/// The console's web server (Kestrel): the pages, the parameter catalog they read, and one WebSocket per page
/// that carries OSC both ways through the OSC server (<see cref="Transport"/>, added as one of its links) and
/// meter frames (<see cref="Meters"/>, one of its meter listeners). Every request passes the OSC allowlist and
/// rate limit; anything malformed or foreign gets an HTTP error and changes nothing.
/// </summary>
public sealed class WebConsole : IAsyncDisposable, IDisposable
{
    private readonly AccessController? _access;
    private readonly WebConsoleOptions _options;
    private readonly Action<string>? _log;
    private readonly EmbeddedAssets _assets = new();
    private readonly ParameterCatalog _catalog;
    private readonly CancellationTokenSource _stopping = new();
    private readonly int _meterFrameBytes;
    private readonly WebSessions? _sessions;
    private readonly OscServer? _server;
    private readonly ParameterStore _store;
    private WebApplication? _app;
    private int _disposed;

    /// <summary>Prepares the server; add <see cref="Transport"/> and <see cref="Meters"/> to the OSC server, start that, then <see cref="StartAsync"/>.</summary>
    /// <param name="store">The parameter values the pages read and write.</param>
    /// <param name="meterLayout">The meter frame's layout.</param>
    /// <param name="options">Where to listen and how many pages to serve.</param>
    /// <param name="access">Allowlist, rate limit and pairing; null serves everyone.</param>
    /// <param name="log">Receives a line per notable event.</param>
    /// <param name="server">The OSC server, whose links and subscribers the settings page lists (none listed when null).</param>
    public WebConsole(ParameterStore store, OscMeterLayout meterLayout, WebConsoleOptions options, AccessController? access = null, Action<string>? log = null, OscServer? server = null)
    {
        _server = server;
        _store = store;
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(meterLayout);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _access = access;
        _log = log;
        _catalog = new ParameterCatalog(store, meterLayout);
        _meterFrameBytes = WebMeterFeed.FrameBytes(meterLayout);
        if (options.PairKey is { } key && access?.Pairing is { } pairing)
        {
            _sessions = new WebSessions(key, pairing.SessionDuration, TimeProvider.System);
        }

        Transport = new WebSocketOscTransport { Name = $"web {options.Bind}:{options.Port}" };
        Meters = new WebMeterFeed(Transport, meterLayout);
    }

    /// <summary>The pages as an OSC link: add it to the OSC server before it starts.</summary>
    public WebSocketOscTransport Transport { get; }

    /// <summary>The pages' meter frames: add it to the OSC server's meter listeners before it starts.</summary>
    public WebMeterFeed Meters { get; }

    /// <summary>The address pages open, e.g. "http://192.168.1.10:8080/"; set by <see cref="StartAsync"/>.</summary>
    public Uri? Address { get; private set; }

    /// <summary>Starts listening.</summary>
    /// <param name="advertisedHost">The host name or address to print in <see cref="Address"/>.</param>
    /// <exception cref="IOException">The port cannot be bound.</exception>
    public async Task StartAsync(string advertisedHost)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = 4 * _options.MaxPages;
            kestrel.Limits.MaxRequestBodySize = 4096;
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            kestrel.Limits.MaxRequestLineSize = 2048;
            kestrel.Listen(_options.Bind, _options.Port, listen => listen.Protocols = HttpProtocols.Http1);
        });
        WebApplication app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15) });
        app.Run(HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        _app = app;
        Address = new Uri($"http://{advertisedHost}:{_options.Port}/");
    }

    /// <summary>Closes every page and stops listening (blocking).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Closes every page and stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        Transport.Dispose();
        if (_app is not null)
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _app.StopAsync(patience.Token).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        HttpResponse response = context.Response;
        OscPeer peer = PeerOf(context.Connection);
        if (_access is not null && _access.Check(in peer, AccessIntent.Read) != RefusalReason.None)
        {
            response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        if (!RequestGuard.IsHostAcceptable(request.Host))
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        string path = request.Path.Value ?? "/";
        if (path == "/api/login" && HttpMethods.IsPost(request.Method))
        {
            await LoginAsync(context, peer).ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "GET, HEAD";
            return;
        }

        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
        if (path == "/ws")
        {
            await AcceptPageAsync(context, peer).ConfigureAwait(false);
        }
        else if (path == "/api/console")
        {
            bool loginNeeded = _sessions is not null && !_sessions.IsValid(request.Cookies[WebSessions.CookieName]);
            await WriteJsonAsync(response, json => _catalog.WriteConsole(json, loginNeeded)).ConfigureAwait(false);
        }
        else if (path == "/api/settings")
        {
            // Who is connected from where, and the allowlist, map the console for someone who wants to pass as a paired
            // client: with a key set they are for a page that has logged in. A viewer (?view) sees them like anyone
            // allowed: the report changes nothing, and viewing is a page's choice, not a lesser right.
            if (_sessions is not null && !_sessions.IsValid(request.Cookies[WebSessions.CookieName]))
            {
                response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            response.Headers.CacheControl = "no-store";
            await WriteJsonAsync(response, json => SettingsReport.Write(json, _options, Address, _server, _access, Transport)).ConfigureAwait(false);
        }
        else if (path == "/api/master")
        {
            await WriteJsonAsync(response, json => MasterCurves.Write(_store, _options.SampleRateHz, json)).ConfigureAwait(false);
        }
        else if (path == "/api/eq")
        {
            await WriteChannelJsonAsync(context, (channel, json) => _catalog.TryWriteChannelEq(channel, _options.SampleRateHz, json)).ConfigureAwait(false);
        }
        else if (path == "/api/dynamics")
        {
            await WriteChannelJsonAsync(context, (channel, json) => _catalog.TryWriteChannelDynamics(channel, _options.SampleRateHz, json)).ConfigureAwait(false);
        }
        else if (path == "/api/params")
        {
            string[] patterns = [.. request.Query["match"].Where(p => p is not null).Select(p => p!)];
            if (patterns.Length is 0 or > ParameterCatalog.MaxPatterns)
            {
                response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            using var buffer = new MemoryStream();
            await using (var json = new Utf8JsonWriter(buffer))
            {
                if (!_catalog.TryWriteParams(patterns, json, request.Query.ContainsKey("reals")))
                {
                    response.StatusCode = StatusCodes.Status400BadRequest;
                    return;
                }
            }

            response.ContentType = "application/json";
            await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)).ConfigureAwait(false);
        }
        else if (_assets.TryGet(path, out EmbeddedAssets.Asset? asset))
        {
            response.Headers.ETag = asset.ETag;
            response.Headers.CacheControl = "no-cache";
            if (request.Headers.IfNoneMatch == asset.ETag)
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            response.ContentType = asset.ContentType;
            response.ContentLength = asset.Bytes.Length;
            if (HttpMethods.IsGet(request.Method))
            {
                await response.Body.WriteAsync(asset.Bytes).ConfigureAwait(false);
            }
        }
        else
        {
            response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    private async Task AcceptPageAsync(HttpContext context, OscPeer peer)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (!RequestGuard.IsSameOrigin(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        if (Transport.PageCount >= _options.MaxPages)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        // In paired mode a page without a session only watches; with one, its connection is paired the way an OSC
        // client pairs (a challenge answered with the key), so the OSC server's own rule lets its changes through.
        bool loggedIn = _sessions is not null && _sessions.IsValid(context.Request.Cookies[WebSessions.CookieName]);
        bool readOnly = context.Request.Query.ContainsKey("view") || (_sessions is not null && !loggedIn);
        if (loggedIn && !readOnly)
        {
            Pair(peer);
        }

        using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        string pagePath = context.Request.Query["page"].ToString();
        var page = new WebPage(socket, peer, _meterFrameBytes, readOnly, _assets.TryGet(pagePath, out _) ? pagePath : "");
        if (!Transport.Add(page))
        {
            await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, "already connected", CancellationToken.None).ConfigureAwait(false);
            return;
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, context.RequestAborted);
        Task sending = page.SendAsync(cancel.Token);
        try
        {
            await page.ReceiveAsync(Transport.Deliver, cancel.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The page went away: nothing to say.
        }
        finally
        {
            Transport.Remove(page);
            await cancel.CancelAsync().ConfigureAwait(false);
            try
            {
                await sending.ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
            {
                // Closed mid-send.
            }
        }
    }

    private async Task LoginAsync(HttpContext context, OscPeer peer)
    {
        HttpResponse response = context.Response;
        if (_sessions is null)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (!RequestGuard.IsSameOrigin(context.Request))
        {
            response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var body = new byte[1024];
        int length = 0;
        int read;
        while ((read = await context.Request.Body.ReadAsync(body.AsMemory(length)).ConfigureAwait(false)) > 0)
        {
            length += read;
            if (length == body.Length)
            {
                response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
        }

        string typed;
        try
        {
            typed = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body, 0, length);
        }
        catch (ArgumentException)
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (!_sessions.IsKey(typed))
        {
            _access?.Refuse(in peer, RefusalReason.PairingFailed);
            response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        response.Cookies.Append(WebSessions.CookieName, _sessions.Open(), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            MaxAge = _sessions.Lifetime,
        });
        response.StatusCode = StatusCodes.Status204NoContent;
    }

    private void Pair(OscPeer peer)
    {
        PairingAuthenticator pairing = _access!.Pairing!;
        Span<byte> nonce = stackalloc byte[PairingAuthenticator.NonceBytes];
        Span<byte> mac = stackalloc byte[PairingAuthenticator.ResponseBytes];
        pairing.CreateChallenge(in peer, nonce);
        PairingAuthenticator.ComputeResponse(_options.PairKey, nonce, mac);
        pairing.VerifyResponse(in peer, mac);
    }

    // A channel's drawing data (?ch=N): 400 without a number, 404 for no such channel.
    private static async Task WriteChannelJsonAsync(HttpContext context, Func<int, Utf8JsonWriter, bool> write)
    {
        HttpResponse response = context.Response;
        if (!int.TryParse(context.Request.Query["ch"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int channel))
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        await WriteJsonAsync(response, json =>
        {
            if (!write(channel, json))
            {
                response.StatusCode = StatusCodes.Status404NotFound;
            }
        }).ConfigureAwait(false);
    }

    private static async Task WriteJsonAsync(HttpResponse response, Action<Utf8JsonWriter> write)
    {
        response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(response.Body);
        write(json);
        await json.FlushAsync().ConfigureAwait(false);
    }

    private static OscPeer PeerOf(ConnectionInfo connection)
    {
        IPAddress address = connection.RemoteIpAddress ?? IPAddress.None;
        return OscPeer.FromIPAddress(address, (ushort)connection.RemotePort) with { Kind = OscPeerKind.Web };
    }
}
