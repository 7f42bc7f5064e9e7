using MixConsole.Dsp.Core;
using MixConsole.Dsp.Smoothing;
using MixConsole.Engine.Compiler;
using MixConsole.Engine.Metering;
using MixConsole.Engine.Mixer.Strips;

namespace MixConsole.Engine.Mixer;

/// <summary>
/// The matrix buses on the audio thread: each mixes the buses, main left and right and the mono bus (before or after
/// their faders, per send) through ramped gains, then runs its dynamics and 6-band EQ in a <see cref="StripBank"/>
/// like a bus, and its fader (polarity folded in). It follows a snapshot's matrix parts and designs nothing.
/// Allocates nothing after <see cref="Prepare"/>.
/// </summary>
internal sealed class MatrixMixer
{
    private readonly int _matrices, _sources;
    private readonly LinearRamp[] _sends;
    private readonly bool[] _postFader;
    private readonly LinearRamp[] _faders;
    private AudioBuffer _mix = new(1, 1);
    private int _rampSamples = 1;

    /// <summary>Matrices fed from <paramref name="buses"/> buses, main and mono.</summary>
    public MatrixMixer(int matrices, int buses)
    {
        _matrices = matrices;
        _sources = buses + 3;
        _sends = new LinearRamp[matrices * _sources];
        _postFader = new bool[matrices * _sources];
        _faders = new LinearRamp[matrices];
        Bank = new StripBank(Math.Max(1, matrices));
        Levels = new LevelAccumulator[matrices];
    }

    /// <summary>Matrix buses.</summary>
    public int Count => _matrices;

    /// <summary>Dynamics and EQ of every matrix.</summary>
    public StripBank Bank { get; }

    /// <summary>Each matrix's level after its fader, for the meters.</summary>
    public LevelAccumulator[] Levels { get; }

    /// <summary>Source number of main left; main right and mono follow (buses are 0..buses-1).</summary>
    public int MainLeftSource => _sources - 3;

    /// <summary>Sizes the mix buffer and the bank.</summary>
    public void Prepare(double sampleRateHz, int maxBlockFrames, int coefficientTickFrames, int gainRampSamples)
    {
        _rampSamples = gainRampSamples;
        _mix = new AudioBuffer(Math.Max(1, _matrices), maxBlockFrames);
        Bank.Prepare(sampleRateHz, maxBlockFrames, coefficientTickFrames);
    }

    /// <summary>Clears filter and dynamics history.</summary>
    public void Reset() => Bank.Reset();

    /// <summary>Audio thread: takes the matrix parts of <paramref name="snapshot"/> newer than <paramref name="since"/> (at once when <paramref name="snap"/>).</summary>
    public void Follow(ConsoleSnapshot snapshot, long since, bool snap)
    {
        var keys = snapshot.Keys;
        for (int m = 0; m < _matrices; m++)
        {
            int key = keys.Matrix(m);
            if (snapshot.KeyGeneration[key] <= since) continue;
            ref readonly MatrixTargets t = ref snapshot.Matrices[m];
            ReadOnlySpan<Dsp.Filters.BiquadCoefficients> sections = snapshot.MatrixSections.AsSpan(m * StripSection.Count, StripSection.Count);
            if (SnapshotFollower.Newer(snapshot, key, StripAspect.Compressor, since))
            {
                Bank.SetCompressor(m, in t.Compressor);
                Bank.SetSection(m, StripSection.CompressorKey, sections[StripSection.CompressorKey], glide: false);
                Bank.SetSection(m, StripSection.CompressorKeyPostEq, sections[StripSection.CompressorKeyPostEq], glide: false);
            }

            if (SnapshotFollower.Newer(snapshot, key, StripAspect.Mix, since)) Set(ref _faders[m], t.Gain, snap);
            if (SnapshotFollower.Newer(snapshot, key, StripAspect.Sends, since))
            {
                for (int s = 0; s < _sources; s++)
                {
                    int i = m * _sources + s;
                    Set(ref _sends[i], snapshot.MatrixSends[i], snap);
                    _postFader[i] = snapshot.MatrixPostFader[i];
                }
            }

            for (int band = 0; band < StripSection.EqBands; band++)
                if (SnapshotFollower.Newer(snapshot, key, StripAspect.EqBand(band), since))
                    Bank.SetSection(m, StripSection.Eq(band), sections[StripSection.Eq(band)], !snap);
        }

        if (snap) Bank.FinishRamps();
    }

    /// <summary>Audio thread, chunk start: clears the matrices' inputs.</summary>
    public void BeginChunk(int frames)
    {
        if (_matrices > 0) _mix.Clear(frames);
    }

    /// <summary>
    /// Audio thread: mixes <paramref name="audio"/> of source <paramref name="source"/>, tapped before
    /// (<paramref name="postFader"/> false) or after its fader, into every matrix whose send takes it there.
    /// </summary>
    public void AddTap(int source, bool postFader, ReadOnlySpan<float> audio)
    {
        for (int m = 0; m < _matrices; m++)
        {
            int i = m * _sources + source;
            if (_postFader[i] != postFader || _sends[i].IsSilent) continue;
            _sends[i].MultiplyAdd(audio, _mix.Channel(m, audio.Length));
        }
    }

    /// <summary>
    /// Audio thread: dynamics and EQ of every matrix between its insert points (<paramref name="inserts"/>), then its
    /// fader, metered, then copied to its output if it has one.
    /// </summary>
    public void Process(int frames, long position, AudioBuffer output, int offset, MixerOutputs outputs, InsertRack inserts)
    {
        if (_matrices == 0) return;
        inserts.Run(InsertStage.MatrixPre, _mix, frames);
        Bank.Process(_mix.RawData, _mix.Stride, 0, frames, default, position);
        inserts.Run(InsertStage.MatrixPost, _mix, frames);
        for (int m = 0; m < _matrices; m++)
        {
            Span<float> audio = _mix.Channel(m, frames);
            _faders[m].Scale(audio, audio);
            Levels[m].Add(audio);
            int o = outputs.Matrix(m);
            if (o >= 0) audio.CopyTo(output.Channel(o).Slice(offset, frames));
        }
    }

    /// <summary>Clears the meter window.</summary>
    public void ClearMeters()
    {
        for (int m = 0; m < _matrices; m++) Levels[m].Clear();
        Bank.ClearGainReductionMeters();
    }

    private void Set(ref LinearRamp ramp, float target, bool snap)
    {
        if (snap) ramp.Snap(target);
        else ramp.SetTarget(target, _rampSamples);
    }
}
