using MixConsole.Audio.Backends;
using MixConsole.Dsp.Core;

namespace MixConsole.Audio.Wav;

/// <summary>
/// The console's inputs from files: one multichannel WAV, or a folder of mono/stereo stems
/// taken in ordinal name order, their channels laid side by side (a stereo stem takes two
/// inputs). Stems that end early read as silence until the longest ends. Reading does not allocate.
/// </summary>
public sealed class WavInputSource : IDisposable
{
    private readonly WavReader[] _readers;
    private readonly AudioBuffer[] _scratch;
    private readonly int[] _firstChannel;

    private WavInputSource(string description, WavReader[] readers, int blockFrames)
    {
        Description = description;
        _readers = readers;
        _scratch = new AudioBuffer[readers.Length];
        _firstChannel = new int[readers.Length];
        int channel = 0;
        for (int i = 0; i < readers.Length; i++)
        {
            _scratch[i] = new AudioBuffer(readers[i].Format.Channels, blockFrames);
            _firstChannel[i] = channel;
            channel += readers[i].Format.Channels;
        }
        Channels = channel;
        SampleRateHz = readers[0].Format.SampleRateHz;
        long longest = 0;
        foreach (var r in readers) longest = Math.Max(longest, r.FrameCount);
        FrameCount = longest;
    }

    /// <summary>What was opened, e.g. "song.wav" or "stems/ (12 files)".</summary>
    public string Description { get; }

    /// <summary>Total channels across all files.</summary>
    public int Channels { get; }

    /// <summary>Sample rate shared by all files.</summary>
    public int SampleRateHz { get; }

    /// <summary>Frames in the longest file (-1 when a file's length is unknown).</summary>
    public long FrameCount { get; }

    /// <summary>The files read, in channel order.</summary>
    public IEnumerable<string> Files => _readers.Select(r => r.FileName);

    /// <summary>
    /// Opens a WAV file, or every *.wav in a folder as stems. Fails with one line naming the
    /// file when a stem is not mono or stereo or its rate differs from the first's.
    /// </summary>
    /// <param name="path">A .wav file or a folder of them.</param>
    /// <param name="blockFrames">Largest block <see cref="Read"/> will be asked for.</param>
    public static WavInputSource Open(string path, int blockFrames)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            var files = Directory.GetFiles(path, "*.wav").Concat(Directory.GetFiles(path, "*.WAV")).Distinct().Order(StringComparer.Ordinal).ToArray();
            if (files.Length == 0) throw new AudioBackendException($"{path}: no .wav stems in this folder");
            var readers = new List<WavReader>(files.Length);
            try
            {
                foreach (var f in files)
                {
                    var r = OpenOne(f);
                    readers.Add(r);
                    if (r.Format.Channels > 2)
                        throw new AudioBackendException($"{Path.GetFileName(f)}: stems must be mono or stereo, this one has {r.Format.Channels} channels");
                    if (r.Format.SampleRateHz != readers[0].Format.SampleRateHz)
                        throw new AudioBackendException($"{Path.GetFileName(f)}: {r.Format.SampleRateHz} Hz, but {Path.GetFileName(files[0])} is {readers[0].Format.SampleRateHz} Hz; stems must share one rate");
                }
                return new WavInputSource($"{path} ({files.Length} stems)", [.. readers], blockFrames);
            }
            catch
            {
                foreach (var r in readers) r.Dispose();
                throw;
            }
        }
        if (!File.Exists(path)) throw new AudioBackendException($"{path}: no such file or folder");
        return new WavInputSource(path, [OpenOne(path)], blockFrames);
    }

    /// <summary>
    /// Reads up to <paramref name="frames"/> frames into channels 0..<see cref="Channels"/>-1 of
    /// <paramref name="destination"/>; returns the frames read (0 at the end of every file).
    /// </summary>
    public int Read(AudioBuffer destination, int frames)
    {
        ArgumentNullException.ThrowIfNull(destination);
        int longest = 0;
        for (int i = 0; i < _readers.Length; i++)
        {
            var scratch = _scratch[i];
            int got = _readers[i].Read(scratch, frames);
            longest = Math.Max(longest, got);
            for (int c = 0; c < scratch.Channels; c++)
            {
                var dst = destination.Channel(_firstChannel[i] + c, frames);
                scratch.Channel(c, got).CopyTo(dst);
                dst[got..].Clear();
            }
        }
        return longest;
    }

    /// <summary>Closes every file.</summary>
    public void Dispose()
    {
        foreach (var r in _readers) r.Dispose();
    }

    private static WavReader OpenOne(string file)
    {
        try
        {
            return WavReader.Open(file);
        }
        catch (Exception e) when (e is WavFormatException or IOException or UnauthorizedAccessException)
        {
            throw new AudioBackendException(e.Message.StartsWith(Path.GetFileName(file), StringComparison.Ordinal) ? e.Message : $"{file}: {e.Message}", e);
        }
    }
}
