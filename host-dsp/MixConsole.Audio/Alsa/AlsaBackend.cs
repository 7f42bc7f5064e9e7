using System.Globalization;
using MixConsole.Audio.Backends;

namespace MixConsole.Audio.Alsa;

/// <summary>
/// ALSA through libasound: interleaved S32_LE, S24_3LE, S16_LE or FLOAT_LE (first the device
/// accepts, in <see cref="AudioBackendOptions.FormatPreference"/> order), capture and playback
/// linked on one clock when the driver allows, a blocking read-process-write loop on a
/// real-time thread. The playback buffer is primed with silence, so an input sample comes out
/// exactly buffer-size frames later. The streams run through xruns (stop threshold at the boundary): an
/// xrun is counted and both streams are moved on by the same whole frames (snd_pcm_forward), never
/// dropped and restarted, because a restart can rotate a TDM codec's slots. Only a suspend (-ESTRPIPE)
/// or a driver that stopped anyway restarts them. With <see cref="AudioBackendOptions.EmptyCaptureSlots"/>
/// the slot alignment is found at start and checked again after every recovery. A device that
/// disappears ends the stream with a <see cref="IAudioBackend.Fault"/>.
/// </summary>
public sealed unsafe class AlsaBackend : ThreadedAudioBackend
{
    // A device silent this long has stopped (unplugged, clock lost): end rather than hang.
    private const int WaitTimeoutMs = 2000;

    private AlsaConfig? _config;
    private PcmStream? _capture;
    private PcmStream? _playback;
    private int[] _inputMap = [];
    private int[] _outputMap = [];
    private bool _linked;
    private int _period;
    private int _bufferFrames;
    private SlotAlignment? _alignment;
    private int[] _baseInputMap = [];
    private bool _aligning;
    private int _rotation;
    private long _restarts;
    private long _resyncs;
    private long _realignments;
    private long _unverified;

    /// <inheritdoc />
    public override string Name => "alsa";

    /// <summary>Test seam: called before each read with the read's index; a negative errno pretends the read failed with it.</summary>
    internal Func<long, int>? InjectError { get; set; }

    /// <summary>Times both streams were stopped and started again (a suspend, or a driver that stopped on an xrun anyway).</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>Xruns ridden through by moving both streams on by the same frames, without stopping them.</summary>
    public long Resyncs => Interlocked.Read(ref _resyncs);

    /// <summary>Times the capture slot alignment was found different from the one in force, and the input map shifted.</summary>
    public long SlotRealignments => Interlocked.Read(ref _realignments);

    /// <summary>Alignment windows that could not tell the rotation (silent inputs): the map in force was kept.</summary>
    public long AlignmentsUnverified => Interlocked.Read(ref _unverified);

    /// <summary>The capture slot rotation in force (0 = as the profile maps it).</summary>
    public int SlotRotation => Volatile.Read(ref _rotation);

    /// <summary>Sample format of the capture device (when there is one).</summary>
    public AudioSampleFormat? CaptureFormat => _capture?.Format;

    /// <inheritdoc />
    protected override AudioFormatInfo OpenCore(AudioBackendOptions options)
    {
        try
        {
            if (options.AlsaConfig is not null) _config = AlsaConfig.Parse(options.AlsaConfig);
            string playName = options.Device ?? "default";
            string capName = options.CaptureDevice ?? playName;
            if (options.ChannelsOut > 0)
                _playback = OpenStream(playName, LibAsound.StreamPlayback, options.DeviceChannelsOut ?? options.ChannelsOut, options);
            if (options.ChannelsIn > 0)
                _capture = OpenStream(capName, LibAsound.StreamCapture, options.DeviceChannelsIn ?? options.ChannelsIn, options);
            if (_capture is not null && _playback is not null && (_capture.Period != _playback.Period || _capture.Rate != _playback.Rate))
                throw new AudioBackendException($"capture '{capName}' runs {_capture.Rate} Hz / {_capture.Period} frames but playback '{playName}' runs {_playback.Rate} Hz / {_playback.Period} frames: choose a period both accept");
            var main = _playback ?? _capture!;
            _period = main.Period;
            _bufferFrames = _playback?.BufferFrames ?? 0;
            if (_capture is not null && _playback is not null)
                _linked = LibAsound.snd_pcm_link(_capture.Pcm, _playback.Pcm) == 0;
            _inputMap = options.InputChannelMap?.ToArray() ?? [];
            _outputMap = options.OutputChannelMap?.ToArray() ?? [];
            if (options.EmptyCaptureSlots is { Count: > 0 } empty && _capture is not null)
            {
                _alignment = new SlotAlignment(_capture.Channels, empty, options.AlignmentFrames);
                _baseInputMap = options.InputChannelMap?.ToArray() ?? [.. Enumerable.Range(0, options.ChannelsIn)];
                _inputMap = [.. _baseInputMap];
            }
            foreach (var s in new[] { _capture, _playback })
            {
                if (s is null) continue;
                int bytes = s.Period * s.Channels * s.Format.BytesPerSample();
                s.Bytes = GC.AllocateArray<byte>(bytes, pinned: true);
            }
            string device = _capture is null ? playName : _playback is null ? capName : capName == playName ? playName : $"{capName} -> {playName}";
            int periods = _playback is null ? _capture!.BufferFrames / _period : _bufferFrames / _period;
            string note = _playback is null ? "capture only, no playback queue" : string.Create(CultureInfo.InvariantCulture, $"{periods} periods x {_period} frames");
            return new AudioFormatInfo(Name, device, main.Rate, _period, periods, options.ChannelsIn, options.ChannelsOut,
                main.Format, _bufferFrames, note, _linked || _capture is null || _playback is null);
        }
        catch
        {
            CloseCore();
            throw;
        }
    }

    /// <inheritdoc />
    protected override void RunAudioLoop(IAudioCallback callback)
    {
        var capture = _capture;
        var playback = _playback;
        int period = _period;
        Input.Clear();
        StartStreams();
        BeginAlignment();
        long index = 0;
        while (!StopRequested)
        {
            if (capture is not null)
            {
                int err = InjectError?.Invoke(index++) ?? 0;
                if (err >= 0) err = Transfer(capture, period);
                // With the stop threshold at the boundary an overrun never stops the stream: it shows as more than a buffer waiting.
                if (err >= 0 && LibAsound.snd_pcm_avail(capture.Pcm) > capture.BufferFrames) err = -LibAsound.EPipe;
                if (err < 0)
                {
                    Recover(err);
                    continue;
                }
                if (_aligning) Align(capture, period);
                else InterleavedSamples.Deinterleave(capture.Bytes, capture.Format, capture.Channels, Input, _inputMap, period);
            }
            bool more = RunPeriod(callback, period);
            if (playback is not null)
            {
                InterleavedSamples.Interleave(Output, _outputMap, playback.Bytes, playback.Format, playback.Channels, period);
                int err = Transfer(playback, period);
                if (err >= 0 && capture is null && LibAsound.snd_pcm_avail(playback.Pcm) > playback.BufferFrames) err = -LibAsound.EPipe;
                if (err < 0) Recover(err);
            }
            if (!more) return;
        }
        if (playback is not null) LibAsound.snd_pcm_drop(playback.Pcm);
        if (capture is not null) LibAsound.snd_pcm_drop(capture.Pcm);
    }

    /// <inheritdoc />
    protected override void CloseCore()
    {
        if (_linked && _capture is not null) LibAsound.snd_pcm_unlink(_capture.Pcm);
        _linked = false;
        _capture?.Close();
        _playback?.Close();
        _capture = null;
        _playback = null;
        _config?.Dispose();
        _config = null;
    }

    // Reads or writes one whole period, resuming after partial transfers; returns 0 or a negative errno.
    private int Transfer(PcmStream s, int frames)
    {
        int bytesPerFrame = s.Channels * s.Format.BytesPerSample();
        int done = 0;
        fixed (byte* p = s.Bytes)
        {
            while (done < frames)
            {
                int ready = LibAsound.snd_pcm_wait(s.Pcm, WaitTimeoutMs);
                if (ready == 0)
                    throw new AudioBackendException($"ALSA device '{s.Name}' delivered nothing for {WaitTimeoutMs / 1000} s (unplugged or lost its clock): stopping");
                if (ready < 0 && ready != -LibAsound.EAgain) return ready;
                nint n = s.Direction == LibAsound.StreamCapture
                    ? LibAsound.snd_pcm_readi(s.Pcm, p + done * bytesPerFrame, (nuint)(frames - done))
                    : LibAsound.snd_pcm_writei(s.Pcm, p + done * bytesPerFrame, (nuint)(frames - done));
                if (n == -LibAsound.EAgain) continue;
                if (n < 0) return (int)n;
                done += (int)n;
            }
        }
        return 0;
    }

    // Counts the event and keeps the streams running (or, when they stopped, starts them again); then checks the slots.
    private void Recover(int err)
    {
        if (err == -LibAsound.EPipe)
        {
            CountXrun();
            if (Stopped(_capture) || Stopped(_playback) || !Resync()) Restart();
        }
        else if (err == -LibAsound.EStrPipe)
        {
            CountSuspend();
            // snd_pcm_recover resumes (or re-prepares) a suspended stream.
            if (_capture is not null) LibAsound.snd_pcm_recover(_capture.Pcm, err, 1);
            if (_playback is not null) LibAsound.snd_pcm_recover(_playback.Pcm, err, 1);
            Restart();
        }
        else
        {
            var s = _capture ?? _playback!;
            throw new AudioBackendException($"ALSA device '{s.Name}' failed: {LibAsound.StrError(err)}: stopping");
        }
        BeginAlignment();
    }

    private static bool Stopped(PcmStream? s) => s is not null && LibAsound.snd_pcm_state(s.Pcm) is LibAsound.StateXrun or LibAsound.StateSuspended;

    // Skips the frames that were lost, the same number on both sides, so input-to-output latency and frame alignment stay as they were.
    private bool Resync()
    {
        Interlocked.Increment(ref _resyncs);
        long skip;
        if (_capture is not null)
        {
            long waiting = LibAsound.snd_pcm_avail(_capture.Pcm);
            if (waiting < 0) return false;
            skip = waiting - waiting % _period;
        }
        else
        {
            long space = LibAsound.snd_pcm_avail(_playback!.Pcm);
            if (space < 0) return false;
            long behind = space - _bufferFrames;
            skip = behind <= 0 ? 0 : (behind + _period - 1) / _period * _period;
        }
        if (skip == 0) return true;
        long moved = skip;
        if (_capture is not null)
        {
            moved = LibAsound.snd_pcm_forward(_capture.Pcm, (nuint)skip);
            if (moved < 0) return false;
        }
        return _playback is null || moved == 0 || LibAsound.snd_pcm_forward(_playback.Pcm, (nuint)moved) == moved;
    }

    private void Restart()
    {
        Interlocked.Increment(ref _restarts);
        if (_playback is not null) LibAsound.snd_pcm_drop(_playback.Pcm);
        if (_capture is not null) LibAsound.snd_pcm_drop(_capture.Pcm);
        StartStreams();
    }

    // Inputs stay silent while a window of capture is watched for where the empty slots are.
    private void BeginAlignment()
    {
        if (_alignment is null) return;
        _alignment.Restart();
        _aligning = true;
    }

    private void Align(PcmStream capture, int frames)
    {
        int bytesPerSample = capture.Format.BytesPerSample();
        _alignment!.Observe(capture.Bytes.AsSpan(0, frames * capture.Channels * bytesPerSample), bytesPerSample, frames);
        Input.Clear();
        if (!_alignment.Complete) return;
        _aligning = false;
        int r = _alignment.Rotation();
        if (r < 0)
        {
            Interlocked.Increment(ref _unverified);
            return;
        }
        if (r == _rotation) return;
        for (int i = 0; i < _inputMap.Length; i++) _inputMap[i] = (_baseInputMap[i] + r) % capture.Channels;
        Volatile.Write(ref _rotation, r);
        Interlocked.Increment(ref _realignments);
    }

    // Prepare, prime the playback buffer with silence, then start (one start runs both when linked).
    private void StartStreams()
    {
        Prepare(_capture);
        Prepare(_playback);
        if (_playback is not null)
        {
            Array.Clear(_playback.Bytes);
            for (int primed = 0; primed < _bufferFrames; primed += _period)
            {
                int rc = Transfer(_playback, _period);
                if (rc < 0) throw new AudioBackendException($"ALSA device '{_playback.Name}' refuses to be primed: {LibAsound.StrError(rc)}");
            }
        }
        if (_linked)
        {
            Check(LibAsound.snd_pcm_start(_capture!.Pcm), _capture);
            return;
        }
        if (_playback is not null) Check(LibAsound.snd_pcm_start(_playback.Pcm), _playback);
        if (_capture is not null) Check(LibAsound.snd_pcm_start(_capture.Pcm), _capture);
    }

    private static void Prepare(PcmStream? s)
    {
        if (s is null) return;
        int rc = LibAsound.snd_pcm_prepare(s.Pcm);
        if (rc < 0) throw new AudioBackendException($"ALSA device '{s.Name}' cannot restart: {LibAsound.StrError(rc)}");
    }

    private static void Check(int rc, PcmStream s)
    {
        if (rc < 0) throw new AudioBackendException($"ALSA device '{s.Name}' does not start: {LibAsound.StrError(rc)}");
    }

    private PcmStream OpenStream(string name, int stream, int channels, AudioBackendOptions options)
    {
        string direction = stream == LibAsound.StreamCapture ? "capture" : "playback";
        IntPtr pcm;
        // Non-blocking open: a busy device answers EBUSY at once instead of waiting for its owner.
        int rc = _config is null
            ? LibAsound.snd_pcm_open(out pcm, name, stream, LibAsound.ModeNonBlock)
            : LibAsound.snd_pcm_open_lconf(out pcm, name, stream, LibAsound.ModeNonBlock, _config.Handle);
        if (rc == -LibAsound.EBusy)
            throw new AudioBackendException($"ALSA device '{name}' is busy: another program has it open for {direction} (fuser -v /dev/snd/* shows which)");
        if (rc < 0)
        {
            string available = _config is null ? AlsaDevices.DescribeAvailable() : "PCMs come from the in-memory ALSA config";
            throw new AudioBackendException($"ALSA device '{name}' cannot be opened for {direction} ({LibAsound.StrError(rc)}); {available}");
        }
        var s = new PcmStream(name, pcm, stream, channels);
        try
        {
            LibAsound.snd_pcm_nonblock(pcm, 0);
            Configure(s, options);
            return s;
        }
        catch
        {
            s.Close();
            throw;
        }
    }

    private static void Configure(PcmStream s, AudioBackendOptions options)
    {
        string direction = s.Direction == LibAsound.StreamCapture ? "capture" : "playback";
        string who = $"ALSA device '{s.Name}' ({direction})";
        if (LibAsound.snd_pcm_hw_params_malloc(out IntPtr hw) < 0) throw new OutOfMemoryException("snd_pcm_hw_params_malloc");
        try
        {
            int rc = LibAsound.snd_pcm_hw_params_any(s.Pcm, hw);
            if (rc < 0) throw new AudioBackendException($"{who}: no usable configuration ({LibAsound.StrError(rc)})");
            if (LibAsound.snd_pcm_hw_params_set_access(s.Pcm, hw, LibAsound.AccessRwInterleaved) < 0)
                throw new AudioBackendException($"{who}: does not take interleaved samples (try plughw: instead of hw:)");
            bool found = false;
            foreach (var f in options.FormatPreference)
            {
                if (LibAsound.snd_pcm_hw_params_test_format(s.Pcm, hw, LibAsound.FormatCode(f)) != 0) continue;
                if (LibAsound.snd_pcm_hw_params_set_format(s.Pcm, hw, LibAsound.FormatCode(f)) != 0) continue;
                s.Format = f;
                found = true;
                break;
            }
            if (!found)
                throw new AudioBackendException($"{who}: supports none of {string.Join(", ", options.FormatPreference.Select(f => f.AlsaName()))} (try plughw: to convert)");
            if (LibAsound.snd_pcm_hw_params_set_channels(s.Pcm, hw, (uint)s.Channels) < 0)
            {
                LibAsound.snd_pcm_hw_params_get_channels_min(hw, out uint min);
                LibAsound.snd_pcm_hw_params_get_channels_max(hw, out uint max);
                throw new AudioBackendException($"{who}: {s.Channels} channels not supported (it takes {min}-{max})");
            }
            LibAsound.snd_pcm_hw_params_set_rate_resample(s.Pcm, hw, 0);
            if (LibAsound.snd_pcm_hw_params_set_rate(s.Pcm, hw, (uint)options.SampleRateHz, 0) < 0)
            {
                LibAsound.snd_pcm_hw_params_get_rate_min(hw, out uint min, out _);
                LibAsound.snd_pcm_hw_params_get_rate_max(hw, out uint max, out _);
                throw new AudioBackendException($"{who}: {options.SampleRateHz} Hz not supported (it takes {min}-{max} Hz)");
            }
            nuint period = (nuint)options.PeriodFrames;
            int dir = 0;
            rc = LibAsound.snd_pcm_hw_params_set_period_size_near(s.Pcm, hw, ref period, ref dir);
            if (rc < 0) throw new AudioBackendException($"{who}: period of {options.PeriodFrames} frames not supported ({LibAsound.StrError(rc)})");
            uint periods = (uint)options.Periods;
            dir = 0;
            rc = LibAsound.snd_pcm_hw_params_set_periods_near(s.Pcm, hw, ref periods, ref dir);
            if (rc < 0) throw new AudioBackendException($"{who}: {options.Periods} periods not supported ({LibAsound.StrError(rc)})");
            rc = LibAsound.snd_pcm_hw_params(s.Pcm, hw);
            if (rc < 0) throw new AudioBackendException($"{who}: refuses {options.SampleRateHz} Hz, {s.Channels} ch, period {options.PeriodFrames} x {options.Periods} ({LibAsound.StrError(rc)})");
            LibAsound.snd_pcm_hw_params_get_period_size(hw, out nuint gotPeriod, out _);
            LibAsound.snd_pcm_hw_params_get_buffer_size(hw, out nuint gotBuffer);
            s.Period = (int)gotPeriod;
            s.BufferFrames = (int)gotBuffer;
            s.Rate = options.SampleRateHz;
        }
        finally
        {
            LibAsound.snd_pcm_hw_params_free(hw);
        }
        if (LibAsound.snd_pcm_sw_params_malloc(out IntPtr sw) < 0) throw new OutOfMemoryException("snd_pcm_sw_params_malloc");
        try
        {
            LibAsound.snd_pcm_sw_params_current(s.Pcm, sw);
            LibAsound.snd_pcm_sw_params_get_boundary(sw, out nuint boundary);
            // The loop starts the streams itself, after priming, so they start together.
            LibAsound.snd_pcm_sw_params_set_start_threshold(s.Pcm, sw, boundary);
            // Never stop on an xrun (a restart can rotate TDM slots); played-out space is refilled with silence so a late period plays nothing stale.
            LibAsound.snd_pcm_sw_params_set_stop_threshold(s.Pcm, sw, boundary);
            if (s.Direction == LibAsound.StreamPlayback)
            {
                LibAsound.snd_pcm_sw_params_set_silence_threshold(s.Pcm, sw, 0);
                LibAsound.snd_pcm_sw_params_set_silence_size(s.Pcm, sw, boundary);
            }
            LibAsound.snd_pcm_sw_params_set_avail_min(s.Pcm, sw, (nuint)s.Period);
            int rc = LibAsound.snd_pcm_sw_params(s.Pcm, sw);
            if (rc < 0) throw new AudioBackendException($"{who}: software parameters refused ({LibAsound.StrError(rc)})");
        }
        finally
        {
            LibAsound.snd_pcm_sw_params_free(sw);
        }
    }

    /// <summary>One opened PCM and its negotiated shape.</summary>
    private sealed class PcmStream(string name, IntPtr pcm, int stream, int channels)
    {
        public string Name { get; } = name;
        public IntPtr Pcm { get; private set; } = pcm;
        public int Direction { get; } = stream;
        public int Channels { get; } = channels;
        public AudioSampleFormat Format { get; set; }
        public int Period { get; set; }
        public int BufferFrames { get; set; }
        public int Rate { get; set; }
        public byte[] Bytes { get; set; } = [];

        public void Close()
        {
            if (Pcm == IntPtr.Zero) return;
            LibAsound.snd_pcm_close(Pcm);
            Pcm = IntPtr.Zero;
        }
    }
}
