using System.Net;

namespace MixConsole.Web;

/// <summary>Where the web console listens and how many pages it serves.</summary>
public sealed record WebConsoleOptions
{
    /// <summary>Address to listen on (serve's <c>--bind</c>).</summary>
    public IPAddress Bind { get; init; } = IPAddress.Any;

    /// <summary>TCP port (serve's <c>--http-port</c>, default 8080).</summary>
    public int Port { get; init; } = 8080;

    /// <summary>The audio's sample rate: EQ curves are drawn from the coefficients designed at this rate.</summary>
    public double SampleRateHz { get; init; } = 48_000;

    /// <summary>The console's pairing key when changes need pairing; pages then log in with it once.</summary>
    public byte[]? PairKey { get; init; }

    /// <summary>Most pages open at once; more WebSockets are refused with 503.</summary>
    public int MaxPages { get; init; } = 32;
}
