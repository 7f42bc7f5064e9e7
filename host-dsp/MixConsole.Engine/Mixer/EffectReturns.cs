using MixConsole.Dsp.Core;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Metering;
using MixConsole.Engine.Mixer.Strips;

namespace MixConsole.Engine.Mixer;

/// <summary>
/// The effect return strips (<c>/fxrtn/NN</c>: slot 1's left and right are returns 1 and 2, and so on): each
/// effect's wet output is a strip on the channel strip's kernels (4-band EQ in its own <see cref="StripBank"/>),
/// with the channels' fader, pan, mono and solo pass and sends to the buses through a <see cref="SendMixer"/>.
/// They run after the channels' sends and before the buses, so a return can feed a bus (a monitor reverb);
/// effects hear only input strips, so no effect hears itself. A slot serving an insert point gives its returns silence.
/// </summary>
internal sealed class EffectReturns
{
    private readonly int _returns, _first, _fxSlots;
    private AudioBuffer _in = new(1, 1), _preEq = new(1, 1), _post = new(1, 1);

    private readonly InsertRack _inserts;

    public EffectReturns(ConsoleConfig config, InsertRack inserts)
    {
        _inserts = inserts;
        _returns = config.FxReturns;
        _first = config.InputStrips;
        _fxSlots = config.FxSlots;
        Bank = new StripBank(Math.Max(1, _returns));
        Sends = new SendMixer(Math.Max(1, _returns), config.Buses, 0, _first);
    }

    /// <summary>Return strips.</summary>
    public int Count => _returns;

    /// <summary>The returns' EQ, strip r of the bank being return r.</summary>
    public StripBank Bank { get; }

    /// <summary>The returns' sends to the buses.</summary>
    public SendMixer Sends { get; }

    public void Prepare(double sampleRateHz, int maxBlockFrames, int coefficientTickFrames)
    {
        Bank.Prepare(sampleRateHz, maxBlockFrames, coefficientTickFrames);
        int rows = Math.Max(1, _returns);
        _in = new AudioBuffer(rows, maxBlockFrames);
        _preEq = new AudioBuffer(rows, maxBlockFrames);
        _post = new AudioBuffer(rows, maxBlockFrames);
    }

    public void Reset() => Bank.Reset();

    /// <summary>
    /// Runs each effect on its inputs (<paramref name="fxIn"/>: left and right of each slot) into its two returns, then
    /// the returns' EQ, fader, pan, mono and solo (<paramref name="ramps"/> of strips <c>InputStrips..</c>), and their
    /// sends into <paramref name="buses"/>.
    /// </summary>
    public void Process(EffectSlot[] effects, AudioBuffer fxIn, ChannelRamps[] ramps, MixerMetering meters, bool soloAfterFader, AudioBuffer buses,
        Span<float> mainL, Span<float> mainR, Span<float> mono, Span<float> soloL, Span<float> soloR, int n, long position)
    {
        for (int s = 0; s < _fxSlots; s++)
        {
            if (_inserts.IsInsert(s))
            {
                // A slot serving an insert point hears no send and gives its return nothing, as on the X32.
                _in.Channel(2 * s, n).Clear();
                _in.Channel(2 * s + 1, n).Clear();
                continue;
            }

            effects[s].Process(fxIn.Channel(2 * s, n), fxIn.Channel(2 * s + 1, n), _in.Channel(2 * s, n), _in.Channel(2 * s + 1, n));
        }
        if (_returns == 0) return;

        bool preEq = Sends.AnyPreEqTap();
        Bank.Process(_in.RawData, _in.Stride, 0, n, preEq ? _preEq.RawData : default, position);
        for (int r = 0; r < _returns; r++)
        {
            StripMixPass.Run(ref ramps[_first + r].Mix, _in.Channel(r, n), _post.Channel(r, n), mainL, mainR, mono, soloL, soloR, soloAfterFader,
                ref meters.ReturnInput, ref meters.Return[r]);
        }

        Sends.Mix(_preEq, _in, _post, buses, _post, n);
    }
}
