using System.Text;

namespace MixConsole.Audio.Alsa;

/// <summary>
/// An ALSA configuration parsed in memory (snd_config_top + snd_input_buffer_open +
/// snd_config_load), for opening PCMs it defines with snd_pcm_open_lconf: plugin PCMs
/// (file, null, route, ...) without root, without touching ~/.asoundrc and without a card.
/// The text replaces the system configuration for those opens, so define every slave in it.
/// </summary>
public sealed unsafe class AlsaConfig : IDisposable
{
    private IntPtr _top;

    private AlsaConfig(IntPtr top) => _top = top;

    /// <summary>The snd_config_t handle.</summary>
    internal IntPtr Handle => _top != IntPtr.Zero ? _top : throw new ObjectDisposedException(nameof(AlsaConfig));

    /// <summary>Parses <paramref name="text"/> (asoundrc syntax); throws <see cref="Backends.AudioBackendException"/> when alsa-lib rejects it.</summary>
    public static AlsaConfig Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        int rc = LibAsound.snd_config_top(out IntPtr top);
        if (rc < 0) throw new Backends.AudioBackendException($"ALSA config: {LibAsound.StrError(rc)}");
        IntPtr input;
        fixed (byte* p = bytes)
            rc = LibAsound.snd_input_buffer_open(out input, p, bytes.Length);
        if (rc < 0)
        {
            LibAsound.snd_config_delete(top);
            throw new Backends.AudioBackendException($"ALSA config: {LibAsound.StrError(rc)}");
        }
        rc = LibAsound.snd_config_load(top, input);
        LibAsound.snd_input_close(input);
        if (rc < 0)
        {
            LibAsound.snd_config_delete(top);
            throw new Backends.AudioBackendException($"ALSA config does not parse: {LibAsound.StrError(rc)}");
        }
        return new AlsaConfig(top);
    }

    /// <summary>Frees the configuration tree.</summary>
    public void Dispose()
    {
        if (_top == IntPtr.Zero) return;
        LibAsound.snd_config_delete(_top);
        _top = IntPtr.Zero;
    }
}
