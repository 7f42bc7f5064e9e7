using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace MixConsole.Web.Server;

/// <summary>
/// Login with the console's pairing key: a page that shows the key once gets a random session token (kept in an
/// HttpOnly, SameSite=Strict cookie) that lasts the pairing session time. Bounded: the oldest sessions go first.
/// </summary>
internal sealed class WebSessions(byte[] key, TimeSpan lifetime, TimeProvider time)
{
    /// <summary>Name of the session cookie.</summary>
    public const string CookieName = "mixconsole-session";

    private const int MaxSessions = 256;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _sessions = new(StringComparer.Ordinal);

    /// <summary>How long a session lasts.</summary>
    public TimeSpan Lifetime => lifetime;

    /// <summary>
    /// True when <paramref name="typed"/> is the key: its text (the key file's bytes as typed, a final newline
    /// ignored) or its hexadecimal form. Compared in constant time.
    /// </summary>
    public bool IsKey(string typed)
    {
        ArgumentNullException.ThrowIfNull(typed);
        byte[] text = Encoding.UTF8.GetBytes(typed);
        ReadOnlySpan<byte> stored = key.AsSpan().TrimEnd("\r\n"u8);
        bool asText = CryptographicOperations.FixedTimeEquals(text, stored) || CryptographicOperations.FixedTimeEquals(text, key);
        bool asHex = false;
        try
        {
            asHex = typed.Length == 2 * key.Length && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(typed), key);
        }
        catch (FormatException)
        {
            // Not hexadecimal: only the text form can match.
        }

        return asText | asHex;
    }

    /// <summary>Opens a session and returns its token.</summary>
    public string Open()
    {
        DateTimeOffset now = time.GetUtcNow();
        if (_sessions.Count >= MaxSessions)
        {
            foreach (var expired in _sessions.Where(s => s.Value <= now).ToList())
            {
                _sessions.TryRemove(expired.Key, out _);
            }

            if (_sessions.Count >= MaxSessions && _sessions.MinBy(s => s.Value) is { Key: { } oldest })
            {
                _sessions.TryRemove(oldest, out _);
            }
        }

        string token = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        _sessions[token] = now + lifetime;
        return token;
    }

    /// <summary>True while <paramref name="token"/> names a live session.</summary>
    public bool IsValid(string? token) =>
        token is { Length: 64 } && _sessions.TryGetValue(token, out DateTimeOffset expires) && expires > time.GetUtcNow();
}
