using System.Globalization;
using MixConsole.Audio.Wav;
using MixConsole.Dsp.Core;
using MixConsole.Dsp.Loudness;
using MixConsole.Dsp.Mastering;
using MixConsole.Dsp.Oversampling;
using MixConsole.Dsp.Resampling;
using MixConsole.Mastering.Analysis;
using MixConsole.Mastering.Matching;
using MixConsole.Mastering.Presets;

namespace MixConsole.Mastering.Pipeline;

/// <summary>
/// Masters one mix, offline, streaming from disk (memory does not grow with the length of the file):
/// <list type="number">
/// <item><see cref="Analyze"/>: one pass measures loudness, peaks, correlation, DC, clipping (and the average
/// spectrum when matching or plotting) and states the mix-check warnings.</item>
/// <item><see cref="Prepare"/>: the stages before the loudness gain (trim, subsonic, matching FIR, EQ,
/// multiband, imager, saturation) are rendered once to a float file, latency removed, sample-aligned.
/// A transparent master skips this and runs trim and subsonic filter inline.</item>
/// <item><see cref="Render"/>: per delivery, resample once if the rate changes (the limiter then works at the
/// delivery rate), then search the loudness gain: render gain → true-peak limiter → dither → measure, until
/// the integrated loudness is within tolerance (2-4 passes). The output's true peak is measured 8x at the
/// delivery rate after dither; a pass over the ceiling lowers the limiter ceiling and renders again.</item>
/// </list>
/// Outputs are sample-aligned with the input and exactly as long (after a rate change: ceil(n·out/in) frames).
/// </summary>
public sealed class MasteringSession : IDisposable
{
    /// <summary>Frames per block through the chain (~21 ms at 48 kHz: the gain-reduction plot's resolution).</summary>
    public const int BlockFrames = 1024;

    private readonly string _work;
    private readonly Dictionary<int, (string Path, double Lufs)> _sources = [];
    private readonly Dictionary<int, LimitingPredictor> _predictors = [];
    private LimitingPredictor? _inputPredictor;
    private MatchCurve _midCurve = MatchCurve.Flat, _sideCurve = MatchCurve.Flat;
    private double _widthFactor = 1;
    private bool _prepared;

    /// <summary>Opens <paramref name="inputPath"/> (throws <see cref="WavFormatException"/> for unreadable input).</summary>
    /// <param name="inputPath">The mix, a WAV file.</param>
    /// <param name="preset">Tonal and dynamic character.</param>
    /// <param name="collectPlots">Collect loudness history, spectra and gain reduction over time for a report.</param>
    public MasteringSession(string inputPath, MasterPreset preset, bool collectPlots = false)
    {
        ArgumentNullException.ThrowIfNull(inputPath);
        ArgumentNullException.ThrowIfNull(preset);
        using (var reader = WavReader.Open(inputPath)) InputFormat = reader.Format;
        InputPath = inputPath;
        Preset = preset;
        CollectPlots = collectPlots;
        _work = Directory.CreateTempSubdirectory("mixconsole-master-").FullName;
    }

    /// <summary>The mix.</summary>
    public string InputPath { get; }

    /// <summary>Its format.</summary>
    public WavFormat InputFormat { get; }

    /// <summary>Tonal and dynamic character.</summary>
    public MasterPreset Preset { get; }

    /// <summary>True when history, spectra and gain reduction over time are collected.</summary>
    public bool CollectPlots { get; }

    /// <summary>Analysis of the mix (after <see cref="Analyze"/>).</summary>
    public AnalysisResult Before { get; private set; } = null!;

    /// <summary>Mix-check warnings (clipping, headroom, DC, phase), most serious first.</summary>
    public IReadOnlyList<string> MixWarnings { get; private set; } = [];

    /// <summary>Average spectrum of the mix (when analysed with a spectrum).</summary>
    public AverageSpectrum? Spectrum { get; private set; }

    /// <summary>Momentary and short-term loudness of the mix at 10 Hz (when plots are collected).</summary>
    public IReadOnlyList<LoudnessHistoryPoint> History { get; private set; } = [];

    /// <summary>Mid correction applied by matching (flat when none).</summary>
    public MatchCurve MidCurve => _midCurve;

    /// <summary>Side correction applied by matching (flat when none).</summary>
    public MatchCurve SideCurve => _sideCurve;

    /// <summary>Width applied by matching, percent (100 = unchanged).</summary>
    public double WidthPercent => _widthFactor * 100;

    /// <summary>Analyses the mix; <paramref name="withSpectrum"/> also averages its mid/side spectrum (needed for matching).</summary>
    public void Analyze(bool withSpectrum, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        using var reader = WavReader.Open(InputPath);
        var format = reader.Format;
        var ring = CollectPlots ? new LoudnessHistoryRing(HistoryCapacity(reader.FramesRemaining, format.SampleRateHz)) : null;
        var accumulator = new AnalysisAccumulator(format, FileAnalyzer.BlockFrames, ring);
        var spectrum = withSpectrum || CollectPlots ? new SpectrumAccumulator(format.SampleRateHz, format.Channels) : null;
        var buffer = new AudioBuffer(format.Channels, FileAnalyzer.BlockFrames);
        _inputPredictor = NewPredictor(format);
        long total = reader.FramesRemaining, done = 0;
        int n;
        while ((n = reader.Read(buffer, FileAnalyzer.BlockFrames)) > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            accumulator.Process(buffer, n);
            spectrum?.Process(buffer, n);
            _inputPredictor.Process(buffer, n);
            done += n;
            if (progress is not null && total > 0) progress.Report((double)done / total);
        }
        Before = accumulator.Result(InputPath);
        MixWarnings = MixVerdict.From(Before).Warnings;
        Spectrum = spectrum?.Result();
        History = Drain(ring);
    }

    /// <summary>
    /// Sets matching (before <see cref="Prepare"/>): the mid and side spectra move toward <paramref name="target"/>
    /// by <paramref name="eqAmount"/> (0..1), the side-to-mid energy ratio by <paramref name="widthAmount"/> (0..1).
    /// The target's rate may differ from the mix's: spectra are compared in hertz.
    /// </summary>
    public void MatchToward(AverageSpectrum target, double eqAmount, double widthAmount)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (Spectrum is null) throw new InvalidOperationException("analyse with a spectrum before matching");
        if (_prepared) throw new InvalidOperationException("set matching before Prepare");
        eqAmount = Math.Clamp(eqAmount, 0, 1);
        widthAmount = Math.Clamp(widthAmount, 0, 1);
        _midCurve = MatchCurve.Toward(Spectrum, target, side: false, eqAmount);
        _sideCurve = InputFormat.Channels >= 2 ? MatchCurve.Toward(Spectrum, target, side: true, eqAmount) : MatchCurve.Flat;
        double own = Spectrum.SideToMidRatio, wanted = target.SideToMidRatio;
        _widthFactor = InputFormat.Channels >= 2 && own > 1e-9 && wanted > 1e-9
            ? Math.Clamp(Math.Pow(wanted / own, widthAmount / 2), 0, 2)
            : 1;
    }

    private bool HasFir => !IsFlat(_midCurve) || !IsFlat(_sideCurve);
    private bool HasWidth => Math.Abs(_widthFactor - 1) > 0.005;
    private bool NeedsPreRender => Preset.ShapesSound || HasFir || HasWidth;

    private static bool IsFlat(MatchCurve curve) => curve.GainsDb.All(g => Math.Abs(g) < 0.01);

    /// <summary>Renders the pre-limiter stages once (skipped for a transparent master without matching).</summary>
    public void Prepare(IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        if (Before is null) throw new InvalidOperationException("analyse before preparing");
        _prepared = true;
        if (NeedsPreRender) _sources[InputFormat.SampleRateHz] = PreRender(progress, cancellation);
    }

    /// <summary>Deepest gain reduction of each multiband band over the mix (low band first), dB; empty when the preset runs no multiband.</summary>
    public IReadOnlyList<double> MultibandMaxGainReductionDb { get; private set; } = [];

    /// <summary>Loudness at the limiter's input with no loudness gain (after the preset's trim and tone), LUFS.</summary>
    public double PreLimiterLufs => _sources.TryGetValue(InputFormat.SampleRateHz, out var s) ? s.Lufs : InlineLufs;

    private double InlineLufs => double.IsFinite(Before.IntegratedLufs) && !Before.IsSilent
        ? Before.IntegratedLufs + TrimDb
        : double.NegativeInfinity;

    private double TrimDb => double.IsFinite(Before.IntegratedLufs) && !Before.IsSilent
        ? Math.Clamp(MasterPreset.NominalLufs - Before.IntegratedLufs, -MasterPreset.MaxTrimDb, MasterPreset.MaxTrimDb)
        : 0;

    private (string Path, double Lufs) PreRender(IProgress<double>? progress, CancellationToken cancellation)
    {
        using var reader = WavReader.Open(InputPath);
        var format = reader.Format;
        int channels = format.Channels;
        var chain = new MasterChain();
        Preset.Apply(chain, Before.IsSilent ? double.NegativeInfinity : Before.IntegratedLufs);
        if (HasWidth)
        {
            bool wasBypassed = chain.IsBypassed(MasterStage.Imager);
            chain.SetBypass(MasterStage.Imager, false);
            if (wasBypassed) chain.Imager.BassMono = false;
            for (int b = 0; b < chain.Imager.BandCount; b++)
                chain.Imager.SetWidthPercent(b, (wasBypassed ? 100 : chain.Imager.GetWidthPercent(b)) * _widthFactor);
        }
        chain.SetBypass(MasterStage.LoudnessGain, true);
        chain.SetBypass(MasterStage.Limiter, true);
        chain.OutputBitDepth = 0;
        var spec = new ProcessSpec(format.SampleRateHz, BlockFrames, channels);
        chain.Prepare(spec);
        var stages = new List<IAudioProcessor>();
        if (HasFir)
        {
            int taps = MatchCurve.TapsFor(format.SampleRateHz);
            var fir = new MidSideFir(_midCurve.DesignFir(format.SampleRateHz, taps), _sideCurve.DesignFir(format.SampleRateHz, taps));
            fir.Prepare(spec);
            stages.Add(fir);
        }
        stages.Add(chain);
        string path = Path.Combine(_work, $"pre-{format.SampleRateHz}.wav");
        var outFormat = new WavFormat(format.SampleRateHz, channels, WavSampleFormat.Float32, format.ChannelMask);
        var meter = LoudnessOnlyMeter(outFormat);
        var predictor = _predictors[format.SampleRateHz] = NewPredictor(outFormat);
        bool multiband = !chain.IsBypassed(MasterStage.Multiband);
        var bandGr = new double[multiband ? chain.Multiband.BandCount : 0];
        using (var writer = WavWriter.Create(path, outFormat))
            StreamThrough(reader, stages, BlockFrames, (buffer, n) =>
            {
                meter.Process(buffer, n);
                predictor.Process(buffer, n);
                writer.Write(buffer, n);
                for (int b = 0; b < bandGr.Length; b++) bandGr[b] = Math.Max(bandGr[b], chain.Multiband.GainReductionDb(b));
            }, progress, cancellation);
        MultibandMaxGainReductionDb = bandGr;
        return (path, meter.IntegratedLufs);
    }

    /// <summary>Writes one master. Throws <see cref="IOException"/> when the output cannot be written.</summary>
    public MasterOutcome Render(MasterRequest request, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_prepared) Prepare(null, cancellation);
        int rate = request.SampleRateHz ?? InputFormat.SampleRateHz;
        var format = request.Format ?? InputFormat.SampleFormat;
        var (source, sourceLufs, inline) = SourceFor(rate, cancellation);
        var outFormat = new WavFormat(rate, InputFormat.Channels, format, InputFormat.ChannelMask);
        int ditherBits = format switch { WavSampleFormat.Pcm16 => 16, WavSampleFormat.Pcm24 => 24, _ => 0 };

        var warnings = new List<string>();
        var passes = new List<PassRecord>();

        double ceiling = request.CeilingDbtp;
        bool silent = !double.IsFinite(sourceLufs);
        // The predictor sees the limiter's input without the inline trim; its gains are relative to that.
        LimitingPredictor? predictor = inline ? _inputPredictor : _predictors.GetValueOrDefault(rate);
        double predictorOffsetDb = inline ? TrimDb : 0;
        double Model(double targetLufs) => predictor!.SolveGainDb(targetLufs, ceiling) - predictorOffsetDb;
        // The model's first guess is capped 6 dB above one-for-one: on very dynamic material it can be far too pessimistic.
        double naive = request.TargetLufs - sourceLufs;
        double gain = silent ? 0 : Math.Clamp(predictor is null ? naive : Math.Min(Model(request.TargetLufs), naive + 6), -60, 40);
        // The model's local slope (loudness per dB of gain) seeds the search's first step.
        double modelSlope = predictor is null || silent ? 1
            : (predictor.PredictLufs(gain + predictorOffsetDb + 0.5, ceiling) - predictor.PredictLufs(gain + predictorOffsetDb - 0.5, ceiling));
        var search = new LoudnessSearch(request.TargetLufs, request.ToleranceLu, double.IsFinite(modelSlope) ? modelSlope : 1);
        PassResult? best = null;
        var temps = new List<string>();
        try
        {
            for (int pass = 0; pass < request.MaxPasses; pass++)
            {
                string temp = Path.Combine(_work, $"out-{temps.Count}.wav");
                temps.Add(temp);
                var result = RunPass(source, sourceLufs, inline, request.OutputPath, gain, ceiling, outFormat, ditherBits, request.NoiseShaping, temp, progress, cancellation);
                var record = new PassRecord(gain, ceiling, result.Analysis.IntegratedLufs, result.Analysis.TruePeakDbtp, result.MaxGainReductionDb);
                passes.Add(record);
                result.Record = record;
                bool peaksOk = !(result.CeilingReadingDbtp > request.CeilingDbtp);
                if (peaksOk && (best is null || Math.Abs(result.Analysis.IntegratedLufs - request.TargetLufs) < Math.Abs(best.Analysis.IntegratedLufs - request.TargetLufs)))
                    best = result;
                if (silent) break;
                double measured = result.Analysis.IntegratedLufs;
                search.Record(gain, measured);
                if (!peaksOk)
                    // A meter saw an over after dither: aim the limiter lower from now on.
                    ceiling -= result.CeilingReadingDbtp - request.CeilingDbtp + 0.02;
                else if (search.Converged) break;
                double next = search.NextGainDb();
                next = Math.Clamp(next, -60, 40);
                if (passes.Any(p => Math.Abs(p.GainDb - next) < 1e-4 && Math.Abs(p.CeilingDbtp - ceiling) < 1e-9)) break;
                gain = next;
            }
            if (best is null)
                throw new InvalidOperationException($"no pass stayed under the {request.CeilingDbtp:0.0} dBTP ceiling");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(request.OutputPath))!);
            File.Move(best.TempPath, request.OutputPath, overwrite: true);
        }
        finally
        {
            foreach (string t in temps) TryDelete(t);
        }

        var after = best.Analysis;
        string label = request.Label is null ? "" : request.Label + ": ";
        bool onTarget = silent || Math.Abs(after.IntegratedLufs - request.TargetLufs) <= request.ToleranceLu;
        if (silent)
            warnings.Add($"{label}the mix is silent (nothing above the -70 LUFS gate): written without loudness gain");
        else if (!onTarget)
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"{label}integrated {after.IntegratedLufs:0.00} LUFS misses the {request.TargetLufs:0.0} LUFS target by {after.IntegratedLufs - request.TargetLufs:+0.00;-0.00} LU after {passes.Count} passes (limiting {best.MaxGainReductionDb:0.0} dB deep)"));
        if (best.MaxGainReductionDb > request.MaxLimitingDb)
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"{label}reaching {request.TargetLufs:0.0} LUFS took up to {best.MaxGainReductionDb:0.0} dB of limiting (average {best.AverageGainReductionDb:0.0} dB, {best.LimiterInputLufs - after.IntegratedLufs:0.0} LU of loudness), past --max-limiting {request.MaxLimitingDb:0.#} dB: expect flattened transients; a lower target keeps them"));

        return new MasterOutcome
        {
            Request = request,
            After = after,
            SampleRateHz = rate,
            Format = format,
            Dithered = ditherBits > 0,
            Passes = passes,
            Kept = best.Record!,
            MaxGainReductionDb = best.MaxGainReductionDb,
            AverageGainReductionDb = best.AverageGainReductionDb,
            LimitingCostLu = silent ? 0 : Math.Max(0, best.LimiterInputLufs - after.IntegratedLufs),
            OnTarget = onTarget,
            Warnings = warnings,
            History = best.History,
            GainReductionDb10Hz = best.GainReduction10Hz,
            Spectrum = best.Spectrum,
        };
    }

    private (string Path, double Lufs, bool Inline) SourceFor(int rate, CancellationToken cancellation)
    {
        if (rate == InputFormat.SampleRateHz)
            return _sources.TryGetValue(rate, out var own) ? (own.Path, own.Lufs, false) : (InputPath, InlineLufs, true);
        if (!_sources.TryGetValue(rate, out var converted))
        {
            if (!_sources.ContainsKey(InputFormat.SampleRateHz))
                _sources[InputFormat.SampleRateHz] = PreRender(null, cancellation);
            converted = Resample(_sources[InputFormat.SampleRateHz].Path, rate, cancellation);
            _sources[rate] = converted;
        }
        return (converted.Path, converted.Lufs, false);
    }

    private (string Path, double Lufs) Resample(string sourcePath, int rate, CancellationToken cancellation)
    {
        using var reader = WavReader.Open(sourcePath);
        var format = reader.Format;
        const int block = 8192;
        var converter = new SampleRateConverter(format.SampleRateHz, rate, format.Channels, block);
        var input = new AudioBuffer(format.Channels, block);
        var output = new AudioBuffer(format.Channels, converter.MaxOutputFrames(block) + block);
        var outFormat = format with { SampleRateHz = rate };
        var meter = LoudnessOnlyMeter(outFormat, output.CapacityFrames);
        var predictor = _predictors[rate] = NewPredictor(outFormat);
        string path = Path.Combine(_work, $"pre-{rate}.wav");
        using (var writer = WavWriter.Create(path, outFormat))
        {
            int n;
            while ((n = reader.Read(input, block)) > 0)
            {
                cancellation.ThrowIfCancellationRequested();
                int got = converter.Process(input, n, output);
                meter.Process(output, got);
                predictor.Process(output, got);
                writer.Write(output, got);
            }
            int tail = converter.Flush(output);
            meter.Process(output, tail);
            predictor.Process(output, tail);
            writer.Write(output, tail);
        }
        return (path, meter.IntegratedLufs);
    }

    private sealed class PassResult
    {
        public required string TempPath { get; init; }
        public required AnalysisResult Analysis { get; init; }
        public required double MaxGainReductionDb { get; init; }
        public required double AverageGainReductionDb { get; init; }
        public required double LimiterInputLufs { get; init; }
        /// <summary>The written file's true peak by the most pessimistic of the 8x meter and libebur128's reading, dBTP: what the ceiling holds.</summary>
        public required double CeilingReadingDbtp { get; init; }
        public required IReadOnlyList<LoudnessHistoryPoint> History { get; init; }
        public required IReadOnlyList<float> GainReduction10Hz { get; init; }
        public AverageSpectrum? Spectrum { get; init; }
        public PassRecord? Record { get; set; }
    }

    private PassResult RunPass(string source, double sourceLufs, bool inline, string displayName, double gainDb, double ceilingDbtp, WavFormat outFormat, int ditherBits,
        DitherNoiseShaping shaping, string tempPath, IProgress<double>? progress, CancellationToken cancellation)
    {
        using var reader = WavReader.Open(source);
        int channels = outFormat.Channels, rate = outFormat.SampleRateHz;
        var chain = new MasterChain();
        if (inline)
            Preset.Apply(chain, Before.IsSilent ? double.NegativeInfinity : Before.IntegratedLufs);
        else
            foreach (var stage in new[] { MasterStage.InputTrim, MasterStage.Subsonic, MasterStage.Eq, MasterStage.Multiband, MasterStage.Imager })
                chain.SetBypass(stage, true);
        chain.SetBypass(MasterStage.Saturation, true);
        chain.LoudnessGain.GainDb = gainDb;
        chain.Limiter.CeilingDbtp = ceilingDbtp;
        if (!inline)
        {
            var timing = new MasterChain();
            Preset.Apply(timing, -18);
            chain.Limiter.LookaheadMs = timing.Limiter.LookaheadMs;
            chain.Limiter.ReleaseMs = timing.Limiter.ReleaseMs;
        }
        chain.OutputBitDepth = 0; // dither runs below, after the limiter, once
        var spec = new ProcessSpec(rate, BlockFrames, channels);
        chain.Prepare(spec);
        TpdfDither? dither = null;
        if (ditherBits > 0)
        {
            dither = new TpdfDither { BitDepth = ditherBits, NoiseShaping = shaping, Seed = 0x4D41u };
            dither.Prepare(spec);
        }
        var ring = CollectPlots ? new LoudnessHistoryRing(HistoryCapacity(reader.FramesRemaining, rate)) : null;
        var accumulator = new AnalysisAccumulator(outFormat, BlockFrames, ring);
        var commonMeters = new Ebur128PeakInterpolator[channels];
        for (int c = 0; c < channels; c++) (commonMeters[c] = new Ebur128PeakInterpolator()).Prepare(rate, BlockFrames);
        float commonPeak = 0;
        var spectrum = CollectPlots ? new SpectrumAccumulator(rate, channels) : null;
        var gr10Hz = new List<float>();
        double maxGr = 0, sumGr = 0;
        long grBlocks = 0, framesIntoPlot = 0;
        float plotMax = 0;
        long plotFrames = Math.Max(1, rate / 10);

        using (var writer = WavWriter.Create(tempPath, outFormat))
        {
            StreamThrough(reader, [chain, new Tap((_, n) =>
                {
                    float gr = chain.Limiter.GainReductionDb;
                    maxGr = Math.Max(maxGr, gr);
                    sumGr += gr * (double)n;
                    grBlocks += n;
                    if (ring is not null)
                    {
                        plotMax = Math.Max(plotMax, gr);
                        framesIntoPlot += n;
                        if (framesIntoPlot >= plotFrames) { gr10Hz.Add(plotMax); plotMax = 0; framesIntoPlot -= plotFrames; }
                    }
                })], BlockFrames, (buffer, n) =>
                {
                    dither?.Process(buffer, n);
                    accumulator.Process(buffer, n);
                    for (int c = 0; c < channels; c++) commonPeak = MathF.Max(commonPeak, commonMeters[c].ProcessMax(buffer.Channel(c, n)));
                    spectrum?.Process(buffer, n);
                    writer.Write(buffer, n);
                }, progress, cancellation);
        }
        var analysis = accumulator.Result(displayName);
        // A gain shifts integrated loudness by exactly its dB (the gain stage starts at its value): no second meter needed.
        double inputLufs = sourceLufs + gainDb;
        return new PassResult
        {
            TempPath = tempPath,
            Analysis = analysis,
            MaxGainReductionDb = maxGr,
            AverageGainReductionDb = grBlocks > 0 ? sumGr / grBlocks : 0,
            LimiterInputLufs = inputLufs,
            CeilingReadingDbtp = Math.Max(analysis.TruePeakDbtp, Decibels.FromGain(commonPeak)),
            History = Drain(ring),
            GainReduction10Hz = gr10Hz,
            Spectrum = spectrum?.Result(),
        };
    }

    /// <summary>A processor that only looks at the audio (a measurement hook between stages).</summary>
    private sealed class Tap(Action<AudioBuffer, int>? look) : IAudioProcessor
    {
        public int LatencyFrames => 0;
        public void Prepare(in ProcessSpec spec) { }
        public void Reset() { }
        public void Process(AudioBuffer buffer, int frames) => look?.Invoke(buffer, frames);
    }

    /// <summary>
    /// Streams every frame of <paramref name="reader"/> through <paramref name="stages"/> in blocks, then
    /// feeds silence for their total latency and hands <paramref name="sink"/> only the aligned frames:
    /// exactly as many as were read, frame i of the output belonging to frame i of the input.
    /// </summary>
    private static void StreamThrough(WavReader reader, IReadOnlyList<IAudioProcessor> stages, int block, Action<AudioBuffer, int> sink,
        IProgress<double>? progress, CancellationToken cancellation)
    {
        int channels = reader.Format.Channels;
        int latency = 0;
        foreach (var s in stages) latency += s.LatencyFrames;
        var buffer = new AudioBuffer(channels, block);
        var aligned = new AudioBuffer(channels, block);
        long total = reader.FramesRemaining, read = 0, emitted = 0, processed = 0;
        bool exhausted = false;
        while (!exhausted || emitted < read)
        {
            cancellation.ThrowIfCancellationRequested();
            int n = exhausted ? 0 : reader.Read(buffer, block);
            if (n == 0)
            {
                exhausted = true;
                n = (int)Math.Min(block, read + latency - processed);
                if (n <= 0) break;
                buffer.Clear(n);
            }
            else read += n;
            foreach (var s in stages) s.Process(buffer, n);
            // This block holds output frames processed-latency .. processed-latency+n-1.
            long first = processed - latency;
            processed += n;
            int skip = (int)Math.Clamp(-first, 0, n);
            int count = (int)Math.Min(n - skip, read - Math.Max(first, 0));
            if (count > 0)
            {
                for (int c = 0; c < channels; c++) buffer.Channel(c, n).Slice(skip, count).CopyTo(aligned.Channel(c, count));
                sink(aligned, count);
                emitted += count;
            }
            if (progress is not null && total > 0) progress.Report(Math.Min(1, (double)processed / (total + latency)));
        }
    }

    private static LoudnessMeter LoudnessOnlyMeter(WavFormat format, int maxBlockFrames = BlockFrames)
    {
        var meter = new LoudnessMeter();
        var weights = format.ChannelMask != 0
            ? ChannelWeights.FromChannelMask((WaveChannelMask)format.ChannelMask, format.Channels)
            : ChannelWeights.ForChannelCount(format.Channels);
        meter.Prepare(new ProcessSpec(format.SampleRateHz, maxBlockFrames, format.Channels), weights, LoudnessMeterOptions.LoudnessOnly);
        return meter;
    }

    private LimitingPredictor NewPredictor(WavFormat format)
    {
        var timing = new MasterChain();
        Preset.Apply(timing, MasterPreset.NominalLufs);
        var weights = format.ChannelMask != 0
            ? ChannelWeights.FromChannelMask((WaveChannelMask)format.ChannelMask, format.Channels)
            : ChannelWeights.ForChannelCount(format.Channels);
        return new LimitingPredictor(format.SampleRateHz, format.Channels, weights, timing.Limiter.ReleaseMs);
    }

    private static int HistoryCapacity(long frames, int rate) => (int)Math.Clamp(frames / Math.Max(1, rate / 10) + 64, 64, 4_000_000);

    private static IReadOnlyList<LoudnessHistoryPoint> Drain(LoudnessHistoryRing? ring)
    {
        var points = new List<LoudnessHistoryPoint>();
        if (ring is null) return points;
        while (ring.TryRead(out var p)) points.Add(p);
        return points;
    }

    private static void TryDelete(string path)
    {
        try { if (File.Exists(path)) File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Removes the session's temporary files.</summary>
    public void Dispose()
    {
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
