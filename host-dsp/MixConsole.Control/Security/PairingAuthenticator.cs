using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using MixConsole.Control.Osc;
using MixConsole.Control.Transport;

namespace MixConsole.Control.Security;

/// <summary>
/// Optional paired mode: a client proves it holds the console's shared key before its sets count.
/// <c>/auth/challenge</c> (no arguments) is answered with <c>/auth/challenge ,b nonce</c> (32 random bytes,
/// single use, valid for <see cref="ChallengeLifetime"/>); the client sends <c>/auth/response ,b mac</c> with
/// mac = HMAC-SHA256(key, nonce) and is answered <c>/auth/response ,i 1</c> (paired for the session time) or
/// <c>,i 0</c>. Pairing is per sender address and port. It proves the key was known to whoever could read the
/// challenge at that address; it does not sign later packets, so it is a guard on a trusted LAN, not against
/// an attacker who can both spoof and sniff.
/// </summary>
public sealed class PairingAuthenticator
{
    /// <summary>Size of a challenge nonce in bytes.</summary>
    public const int NonceBytes = 32;

    /// <summary>Size of a response (HMAC-SHA256) in bytes.</summary>
    public const int ResponseBytes = 32;

    /// <summary>Shortest shared key accepted, in bytes.</summary>
    public const int MinKeyBytes = 16;

    private readonly byte[] _key;
    private readonly TimeProvider _time;
    private readonly BoundedClientTable<State> _clients;
    private readonly object _gate = new();

    /// <summary>Creates an authenticator.</summary>
    /// <param name="sharedKey">The console's key (at least <see cref="MinKeyBytes"/> bytes); copied.</param>
    /// <param name="sessionDuration">How long a successful pairing lasts.</param>
    /// <param name="maxClients">Clients tracked at once (least recently seen forgotten beyond that).</param>
    /// <param name="time">Clock (injected for tests); the system clock when null.</param>
    public PairingAuthenticator(ReadOnlySpan<byte> sharedKey, TimeSpan sessionDuration, int maxClients = 256, TimeProvider? time = null)
    {
        if (sharedKey.Length < MinKeyBytes)
        {
            throw new ArgumentException($"The shared key needs at least {MinKeyBytes} bytes.", nameof(sharedKey));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sessionDuration, TimeSpan.Zero);
        _key = sharedKey.ToArray();
        SessionDuration = sessionDuration;
        _time = time ?? TimeProvider.System;
        _clients = new BoundedClientTable<State>(maxClients);
    }

    /// <summary>Address a client sends to ask for a challenge, and the address of the answer.</summary>
    public static ReadOnlySpan<byte> ChallengeAddress => "/auth/challenge"u8;

    /// <summary>Address a client sends its response to, and the address of the verdict.</summary>
    public static ReadOnlySpan<byte> ResponseAddress => "/auth/response"u8;

    /// <summary>How long a challenge may be answered.</summary>
    public static TimeSpan ChallengeLifetime => TimeSpan.FromSeconds(30);

    /// <summary>How long a pairing lasts.</summary>
    public TimeSpan SessionDuration { get; }

    /// <summary>The response a client computes: HMAC-SHA256(key, nonce) into 32 bytes.</summary>
    public static void ComputeResponse(ReadOnlySpan<byte> sharedKey, ReadOnlySpan<byte> nonce, Span<byte> response) =>
        HMACSHA256.HashData(sharedKey, nonce, response);

    /// <summary>Issues a fresh single-use nonce for the peer, replacing any earlier one.</summary>
    /// <param name="peer">The client asking.</param>
    /// <param name="nonce">Receives <see cref="NonceBytes"/> random bytes.</param>
    public void CreateChallenge(in OscPeer peer, Span<byte> nonce)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nonce.Length, NonceBytes, nameof(nonce));
        nonce = nonce.Slice(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        long now = _time.GetTimestamp();
        lock (_gate)
        {
            ref State state = ref _clients.GetOrAdd(in peer, out _);
            nonce.CopyTo(state.Nonce);
            state.ChallengeIssued = now;
            state.HasChallenge = true;
        }
    }

    /// <summary>Checks a response against the peer's outstanding challenge (constant-time compare); the challenge is used up either way.</summary>
    public PairingResult VerifyResponse(in OscPeer peer, ReadOnlySpan<byte> response)
    {
        long now = _time.GetTimestamp();
        Span<byte> expected = stackalloc byte[ResponseBytes];
        lock (_gate)
        {
            if (!_clients.TryGet(in peer, out _))
            {
                return PairingResult.NoChallenge;
            }

            ref State state = ref _clients.GetOrAdd(in peer, out _);
            if (!state.HasChallenge)
            {
                return PairingResult.NoChallenge;
            }

            state.HasChallenge = false;
            if (response.Length != ResponseBytes)
            {
                return PairingResult.MalformedResponse;
            }

            if (_time.GetElapsedTime(state.ChallengeIssued, now) > ChallengeLifetime)
            {
                return PairingResult.ChallengeExpired;
            }

            ComputeResponse(_key, state.Nonce, expected);
            if (!CryptographicOperations.FixedTimeEquals(expected, response))
            {
                return PairingResult.WrongResponse;
            }

            state.Paired = true;
            state.PairedAt = now;
            return PairingResult.Paired;
        }
    }

    /// <summary>True while the peer's pairing is within its session time.</summary>
    public bool IsPaired(in OscPeer peer)
    {
        long now = _time.GetTimestamp();
        lock (_gate)
        {
            return _clients.TryGet(in peer, out State state) && state.Paired &&
                   _time.GetElapsedTime(state.PairedAt, now) <= SessionDuration;
        }
    }

    /// <summary>
    /// Handles <c>/auth/challenge</c> and <c>/auth/response</c>, writing the answer packet into
    /// <paramref name="reply"/> (at least 64 bytes). Returns false for any other address.
    /// </summary>
    /// <param name="message">The received message.</param>
    /// <param name="peer">Its sender.</param>
    /// <param name="reply">Where the answer is written.</param>
    /// <param name="replyLength">Bytes of answer, 0 when there is none.</param>
    /// <param name="result">The verdict for a response; <see cref="PairingResult.NoChallenge"/> otherwise.</param>
    public bool TryHandle(in OscMessage message, in OscPeer peer, Span<byte> reply, out int replyLength, out PairingResult result)
    {
        replyLength = 0;
        result = PairingResult.NoChallenge;
        if (message.AddressEquals(ChallengeAddress))
        {
            Span<byte> nonce = stackalloc byte[NonceBytes];
            CreateChallenge(in peer, nonce);
            var writer = new OscWriter(reply);
            writer.BeginMessage(ChallengeAddress, "b"u8);
            writer.WriteBlob(nonce);
            writer.TryComplete(out replyLength);
            return true;
        }

        if (message.AddressEquals(ResponseAddress))
        {
            result = message.TryGetBlob(0, out ReadOnlySpan<byte> mac) && message.ArgumentCount == 1
                ? VerifyResponse(in peer, mac)
                : ConsumeChallenge(in peer);
            OscWriter.TryWriteMessage(reply, ResponseAddress, result == PairingResult.Paired ? 1 : 0, out replyLength);
            return true;
        }

        return false;
    }

    private PairingResult ConsumeChallenge(in OscPeer peer)
    {
        lock (_gate)
        {
            if (_clients.TryGet(in peer, out _))
            {
                _clients.GetOrAdd(in peer, out _).HasChallenge = false;
            }
        }

        return PairingResult.MalformedResponse;
    }

    [InlineArray(NonceBytes)]
    private struct NonceBuffer
    {
        private byte _first;
    }

    private struct State
    {
        public NonceBuffer Nonce;
        public long ChallengeIssued;
        public long PairedAt;
        public bool HasChallenge;
        public bool Paired;
    }
}
