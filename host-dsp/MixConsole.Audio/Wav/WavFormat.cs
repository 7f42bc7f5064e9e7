namespace MixConsole.Audio.Wav;

/// <summary>
/// The layout of a WAV file's audio: sample rate, channel count, sample format and the
/// WAVE_FORMAT_EXTENSIBLE speaker mask (0 when the file names no speaker positions).
/// </summary>
/// <param name="SampleRateHz">Frames per second, <see cref="MinSampleRateHz"/> to <see cref="MaxSampleRateHz"/>.</param>
/// <param name="Channels">Interleaved channels per frame, 1 to <see cref="MaxChannels"/>.</param>
/// <param name="SampleFormat">How each sample is stored.</param>
/// <param name="ChannelMask">Speaker-position bits (SPEAKER_FRONT_LEFT = 0x1, ...); 0 = unspecified.</param>
public sealed record WavFormat(int SampleRateHz, int Channels, WavSampleFormat SampleFormat, uint ChannelMask = 0)
{
    /// <summary>Lowest sample rate MixConsole reads or writes.</summary>
    public const int MinSampleRateHz = 8_000;

    /// <summary>Highest sample rate MixConsole reads or writes.</summary>
    public const int MaxSampleRateHz = 384_000;

    /// <summary>Most channels MixConsole reads or writes.</summary>
    public const int MaxChannels = 64;

    /// <summary>Frames per second.</summary>
    public int SampleRateHz { get; init; } = SampleRateHz is >= MinSampleRateHz and <= MaxSampleRateHz
        ? SampleRateHz
        : throw new ArgumentOutOfRangeException(nameof(SampleRateHz), SampleRateHz, $"sample rate must be {MinSampleRateHz}..{MaxSampleRateHz} Hz");

    /// <summary>Channels per frame.</summary>
    public int Channels { get; init; } = Channels is >= 1 and <= MaxChannels
        ? Channels
        : throw new ArgumentOutOfRangeException(nameof(Channels), Channels, $"channel count must be 1..{MaxChannels}");

    /// <summary>How each sample is stored.</summary>
    public WavSampleFormat SampleFormat { get; init; } = Enum.IsDefined(SampleFormat)
        ? SampleFormat
        : throw new ArgumentOutOfRangeException(nameof(SampleFormat), SampleFormat, "unknown WAV sample format");

    /// <summary>Bytes per frame (the fmt chunk's block align).</summary>
    public int BlockAlign => Channels * SampleFormat.BytesPerSample();

    /// <summary>Bytes per second of audio.</summary>
    public long ByteRate => (long)SampleRateHz * BlockAlign;

    /// <summary>
    /// True when the RIFF rules call for a WAVE_FORMAT_EXTENSIBLE fmt chunk: more than two
    /// channels, more than 16 bits per sample, or a speaker mask to record.
    /// </summary>
    public bool NeedsExtensible => Channels > 2 || SampleFormat.BitsPerSample() > 16 || ChannelMask != 0;

    /// <summary>One short description, e.g. "48000 Hz, 2 ch, Pcm24".</summary>
    public override string ToString() =>
        ChannelMask == 0
            ? $"{SampleRateHz} Hz, {Channels} ch, {SampleFormat}"
            : $"{SampleRateHz} Hz, {Channels} ch, {SampleFormat}, mask 0x{ChannelMask:X}";
}
