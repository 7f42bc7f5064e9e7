using MixConsole.Control.Transport;

namespace MixConsole.Control.Security;

/// <summary>
/// The gate every received packet passes: allowlist, per-client rate limit, and (in paired mode) pairing for
/// changes. Refusals are counted per reason and logged once per client and reason, through a log line budget
/// so a spoofed flood cannot flood the log either. Never throws, also not when the logger does.
/// </summary>
public sealed class AccessController
{
    /// <summary>Log lines allowed per minute; beyond this refusals are only counted.</summary>
    public const int MaxLogLinesPerMinute = 20;

    private readonly AccessAllowlist _allowlist;
    private readonly ClientRateLimiter _rateLimiter;
    private readonly Action<string>? _log;
    private readonly TimeProvider _time;
    private readonly BoundedClientTable<byte> _loggedReasons;
    private readonly long[] _refusals = new long[Enum.GetValues<RefusalReason>().Length];
    private readonly object _logGate = new();
    private double _logTokens = MaxLogLinesPerMinute;
    private long _logRefillTimestamp;
    private long _unloggedRefusals;

    /// <summary>Creates the gate.</summary>
    /// <param name="allowlist">Networks allowed to talk at all.</param>
    /// <param name="rateLimiter">Per-client message rate.</param>
    /// <param name="pairing">When set, changes need a current pairing.</param>
    /// <param name="log">Receives refusal lines (first per client and reason); may be null.</param>
    /// <param name="maxLoggedClients">Clients remembered as "already logged" (least recently seen forgotten).</param>
    /// <param name="time">Clock (injected for tests); the system clock when null.</param>
    public AccessController(
        AccessAllowlist allowlist,
        ClientRateLimiter rateLimiter,
        PairingAuthenticator? pairing = null,
        Action<string>? log = null,
        int maxLoggedClients = 1024,
        TimeProvider? time = null)
    {
        _allowlist = allowlist ?? throw new ArgumentNullException(nameof(allowlist));
        _rateLimiter = rateLimiter ?? throw new ArgumentNullException(nameof(rateLimiter));
        Pairing = pairing;
        _log = log;
        _time = time ?? TimeProvider.System;
        _loggedReasons = new BoundedClientTable<byte>(maxLoggedClients);
        _logRefillTimestamp = _time.GetTimestamp();
    }

    /// <summary>The pairing authenticator in paired mode, otherwise null.</summary>
    public PairingAuthenticator? Pairing { get; }

    /// <summary>The networks allowed to talk at all.</summary>
    public AccessAllowlist Allowlist => _allowlist;

    /// <summary>Refusals of every reason so far.</summary>
    public long TotalRefusals
    {
        get
        {
            long total = 0;
            for (int i = 1; i < _refusals.Length; i++)
            {
                total += Interlocked.Read(ref _refusals[i]);
            }

            return total;
        }
    }

    /// <summary>Refusals for one reason so far.</summary>
    public long GetRefusalCount(RefusalReason reason) =>
        (uint)reason < (uint)_refusals.Length ? Interlocked.Read(ref _refusals[(int)reason]) : 0;

    /// <summary>
    /// Decides whether a message from <paramref name="peer"/> may be acted on, recording a refusal when not.
    /// Every call spends one rate-limit token.
    /// </summary>
    /// <returns><see cref="RefusalReason.None"/> to proceed, otherwise why not.</returns>
    public RefusalReason Check(in OscPeer peer, AccessIntent intent)
    {
        RefusalReason reason = RefusalReason.None;
        if (!_allowlist.IsAllowed(in peer))
        {
            reason = RefusalReason.NotAllowed;
        }
        else if (!_rateLimiter.TryAcquire(in peer))
        {
            reason = RefusalReason.RateLimited;
        }
        else if (intent == AccessIntent.Write && Pairing is not null && !Pairing.IsPaired(in peer))
        {
            reason = RefusalReason.NotPaired;
        }

        if (reason != RefusalReason.None)
        {
            Refuse(in peer, reason);
        }

        return reason;
    }

    /// <summary>Records a refusal decided elsewhere (a malformed packet, a failed pairing).</summary>
    public void Refuse(in OscPeer peer, RefusalReason reason)
    {
        if (reason == RefusalReason.None || (uint)reason >= (uint)_refusals.Length)
        {
            return;
        }

        Interlocked.Increment(ref _refusals[(int)reason]);
        string? line = null;
        lock (_logGate)
        {
            OscPeer host = peer.Host;
            ref byte logged = ref _loggedReasons.GetOrAdd(in host, out _);
            byte bit = (byte)(1 << (int)reason);
            if ((logged & bit) != 0 || _log is null)
            {
                return;
            }

            if (!TryTakeLogToken())
            {
                _unloggedRefusals++;
                return;
            }

            logged |= bit;
            line = $"osc: refused {host} ({reason})" +
                   (_unloggedRefusals > 0 ? $"; {_unloggedRefusals} earlier refusals not logged (log budget)" : string.Empty);
            _unloggedRefusals = 0;
        }

        try
        {
            _log(line);
        }
        catch (Exception)
        {
            // A faulty logger must not take the control path down with it.
        }
    }

    private bool TryTakeLogToken()
    {
        long now = _time.GetTimestamp();
        double minutes = _time.GetElapsedTime(_logRefillTimestamp, now).TotalMinutes;
        _logRefillTimestamp = now;
        _logTokens = Math.Min(MaxLogLinesPerMinute, _logTokens + minutes * MaxLogLinesPerMinute);
        if (_logTokens < 1)
        {
            return false;
        }

        _logTokens -= 1;
        return true;
    }
}
