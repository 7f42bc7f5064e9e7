using System.Globalization;
using System.Text.Json;
using MixConsole.Audio.Wav;
using MixConsole.Dsp.Core;
using MixConsole.Engine.Metering;
using MixConsole.Engine.Parameters;

namespace MixConsole.Host.Serve;

/// <summary>
/// Records the mastering box's print (the chain's output) to WAV on the box: <see cref="Start"/> opens
/// FOLDER/master-YYYYMMDD-HHMMSS.wav (32-bit float, the print bit for bit) with the /master/* settings in use
/// beside it as .json (a scene <c>serve --scene</c> loads back, plus what was recorded); <see cref="Stop"/> ends it.
/// The audio thread hands whole blocks through a lock-free ring (<see cref="MasterOutputTap"/>, <see cref="RingSeconds"/>
/// long) and never waits; a writer thread drains it to disk. A write that fails (disk full) ends the recording with a
/// warning, keeping what was written; the audio never notices.
/// </summary>
internal sealed class MasterRecorder : IDisposable
{
    /// <summary>How far the disk may fall behind the audio before frames are lost, in seconds.</summary>
    public const double RingSeconds = 4;

    private readonly MasterOutputTap _tap;
    private readonly string _folder;
    private readonly ParameterStore _store;
    private readonly Action<string> _log;
    private readonly Func<DateTime> _clock;
    private readonly Func<string, Stream> _open;
    private readonly Lock _gate = new(); // control side only: OSC threads and the writer; never the audio thread
    private readonly Thread _writerThread;
    private readonly AudioBuffer _block = new(2, MasterOutputTap.RecordFrames);
    private readonly float[] _interleaved = new float[2 * MasterOutputTap.RecordFrames];
    private volatile bool _armed;       // control side: the print should go to the ring
    private volatile bool _audioWriting; // audio side: the blocks it hands over are going to the ring
    private volatile bool _disposed;
    private WavWriter? _writer;
    private string? _path;
    private bool _stopping;
    private long _lostAtStart;
    private JsonDocument? _settings;
    private DateTime _startedUtc;

    /// <param name="sampleRateHz">Rate of the print.</param>
    /// <param name="folder">Where recordings go (created at the first start).</param>
    /// <param name="store">Whose /master/* settings are saved beside each recording.</param>
    /// <param name="log">Where warnings go (disk full, a file that cannot be made).</param>
    /// <param name="clock">UTC clock for file names and the settings file (tests inject one).</param>
    /// <param name="open">Opens a recording's stream (tests inject a failing disk).</param>
    public MasterRecorder(double sampleRateHz, string folder, ParameterStore store, Action<string> log, Func<DateTime>? clock = null, Func<string, Stream>? open = null)
    {
        SampleRateHz = sampleRateHz;
        _folder = folder;
        _store = store;
        _log = log;
        _clock = clock ?? (() => DateTime.UtcNow);
        _open = open ?? (path => new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 1 << 16));
        _tap = new MasterOutputTap(sampleRateHz, RingSeconds);
        _writerThread = new Thread(WriterLoop) { Name = "master recorder", IsBackground = true };
        _writerThread.Start();
    }

    public double SampleRateHz { get; }

    /// <summary>The folder recordings go to.</summary>
    public string Folder => _folder;

    /// <summary>True from <see cref="Start"/> until <see cref="Stop"/> or a failed write.</summary>
    public bool IsRecording => _armed;

    /// <summary>The recording being made, or the last one made; null before the first.</summary>
    public string? Path
    {
        get
        {
            lock (_gate) return _path;
        }
    }

    /// <summary>The last warning (disk full, a file that could not be made), or null.</summary>
    public string? Warning { get; private set; }

    /// <summary>Audio thread: hands the print's block over while recording. Never blocks, allocates or does I/O.</summary>
    public void Write(AudioBuffer stereo, int frames)
    {
        bool armed = _armed;
        // Starts and stops land on block boundaries; the writer waits for this flag before it closes a file.
        _audioWriting = armed;
        if (armed) _tap.Write(stereo, frames, 0f);
    }

    /// <summary>Starts a recording (a no-op while one runs); false, with <see cref="Warning"/> said, when the file cannot be made.</summary>
    public bool Start()
    {
        lock (_gate)
        {
            if (_armed) return true;
            // A stop not yet written out: its last blocks first (the audio thread sees a stop within a block).
            for (int waited = 0; _stopping && _audioWriting && waited < 200; waited++) Thread.Sleep(1);
            Drain();
            Finish();
            DateTime now = _clock();
            string path = "";
            try
            {
                Directory.CreateDirectory(_folder);
                path = System.IO.Path.Combine(_folder, "master-" + now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + ".wav");
                for (int n = 2; File.Exists(path); n++) path = System.IO.Path.Combine(_folder, $"master-{now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{n}.wav");
                _writer = new WavWriter(_open(path), new WavFormat((int)SampleRateHz, 2, WavSampleFormat.Float32));
                _path = path;
                _settings = JsonDocument.Parse(SceneFile.Save(_store));
                _startedUtc = now;
                WriteSettings(frames: 0, lost: 0, finished: false, note: null);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _writer?.Dispose();
                _writer = null;
                Say($"recording not started: {(path.Length > 0 ? path : _folder)}: {e.Message}");
                return false;
            }

            _lostAtStart = _tap.LostFrames;
            _stopping = false;
            _armed = true;
            return true;
        }
    }

    /// <summary>Stops the recording; the writer thread writes out what the ring still holds and closes the file.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (!_armed) return;
            _armed = false;
            _stopping = true;
        }
    }

    /// <summary>Stops any recording and closes its file (after the audio has stopped: what the ring holds is written).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        Stop();
        _disposed = true;
        _writerThread.Join();
        lock (_gate)
        {
            _audioWriting = false;
            Drain();
            Finish();
        }
    }

    private void WriterLoop()
    {
        while (!_disposed)
        {
            lock (_gate)
            {
                Drain();
                // Once the audio thread has seen the stop, nothing more comes: the file can close.
                if (_stopping && !_audioWriting)
                {
                    Drain();
                    Finish();
                }
            }

            Thread.Sleep(10);
        }
    }

    // Writes every waiting record to the open file (or drops it when there is none).
    private void Drain()
    {
        while (_tap.TryRead(_block, _interleaved, out int frames, out _))
        {
            if (_writer is null) continue;
            try
            {
                _writer.Write(_block, frames);
            }
            catch (IOException e)
            {
                _armed = false;
                Say($"recording stopped: {_path}: {e.Message}; the {Seconds(_writer.FramesWritten)} written before are kept");
                Close(note: "stopped early: " + e.Message);
            }
        }
    }

    // Closes a stopped recording's file and completes its settings.
    private void Finish()
    {
        if (!_stopping) return;
        _stopping = false;
        if (_writer is not null) Close(note: null);
    }

    private void Close(string? note)
    {
        WavWriter writer = _writer!;
        _writer = null;
        long frames = writer.FramesWritten;
        try
        {
            writer.Dispose();
        }
        catch (IOException e)
        {
            note ??= "closing failed: " + e.Message;
        }

        long lost = _tap.LostFrames - _lostAtStart;
        if (lost > 0) Say($"recording {_path}: {lost} frames were lost (the disk fell more than {RingSeconds:0} s behind)");
        try
        {
            WriteSettings(frames, lost, finished: true, note);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Say($"recording {_path}: its settings could not be written: {e.Message}");
        }
    }

    // PATH.json: the /master/* parameters as a scene (loadable with serve --scene), and what the recording holds.
    private void WriteSettings(long frames, long lost, bool finished, string? note)
    {
        using var stream = File.Create(System.IO.Path.ChangeExtension(_path!, ".json"));
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("recording", System.IO.Path.GetFileName(_path));
        json.WriteString("started_utc", _startedUtc.ToString("O", CultureInfo.InvariantCulture));
        if (finished) json.WriteString("stopped_utc", _clock().ToString("O", CultureInfo.InvariantCulture));
        json.WriteNumber("sample_rate_hz", SampleRateHz);
        json.WriteString("format", "32-bit float, stereo: the print (outputs 1-2) bit for bit");
        json.WriteBoolean("finished", finished);
        json.WriteNumber("frames", frames);
        json.WriteNumber("seconds", Math.Round(frames / SampleRateHz, 3));
        json.WriteNumber("lost_frames", lost);
        if (note is not null) json.WriteString("note", note);
        json.WriteStartObject("parameters");
        foreach (JsonProperty parameter in _settings!.RootElement.GetProperty("parameters").EnumerateObject())
        {
            if (parameter.Name.StartsWith("/master/", StringComparison.Ordinal)) parameter.WriteTo(json);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private string Seconds(long frames) => string.Create(CultureInfo.InvariantCulture, $"{frames / SampleRateHz:0.0} s");

    private void Say(string warning)
    {
        Warning = warning;
        _log(warning);
    }
}
