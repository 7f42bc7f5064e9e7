using System.Reflection;
using System.Security.Cryptography;

namespace MixConsole.Web.Server;

/// <summary>The pages, scripts and styles shipped inside this assembly, read once at start, served from memory.</summary>
internal sealed class EmbeddedAssets
{
    private const string Prefix = "wwwroot/";
    private readonly Dictionary<string, Asset> _assets = new(StringComparer.Ordinal);

    public EmbeddedAssets()
    {
        Assembly assembly = typeof(EmbeddedAssets).Assembly;
        foreach (string name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            using Stream stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            byte[] bytes = copy.ToArray();
            string etag = "\"" + Convert.ToHexString(SHA256.HashData(bytes).AsSpan(0, 8)) + "\"";
            _assets["/" + name.Substring(Prefix.Length)] = new Asset(bytes, ContentType(name), etag);
        }
    }

    /// <summary>Every asset's URL path ("/mixer.js").</summary>
    public IEnumerable<string> Paths => _assets.Keys;

    /// <summary>The asset at <paramref name="path"/> ("/" is the mixer page).</summary>
    public bool TryGet(string path, out Asset asset) => _assets.TryGetValue(path == "/" ? "/index.html" : path, out asset!);

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };

    /// <summary>One file: its bytes, media type and entity tag.</summary>
    internal sealed record Asset(byte[] Bytes, string ContentType, string ETag);
}
