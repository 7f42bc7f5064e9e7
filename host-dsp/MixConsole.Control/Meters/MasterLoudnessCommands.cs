using MixConsole.Control.Osc;
using MixConsole.Control.Server;

namespace MixConsole.Control.Meters;

/// <summary>
/// The mastering box's loudness over OSC: <c>/master/loudness</c> (no argument) answers <c>,ffffff</c> momentary,
/// short-term and integrated LUFS, LRA in LU, true-peak maximum in dBTP and limiter gain reduction in dB;
/// <c>/master/loudness/reset</c> restarts the readings and answers the same way. As a meter listener it drains
/// the output tap on every control step. Allocation-free.
/// </summary>
public sealed class MasterLoudnessCommands(MasterLoudness loudness) : IOscCommandHandler, IMeterListener
{
    private readonly MasterLoudness _loudness = loudness ?? throw new ArgumentNullException(nameof(loudness));

    /// <inheritdoc/>
    public bool TryHandle(in OscMessage message, Span<byte> reply, out int replyLength)
    {
        replyLength = 0;
        if (message.ArgumentCount != 0) return false;
        if (message.AddressEquals("/master/loudness/reset"u8)) _loudness.Reset();
        else if (!message.AddressEquals("/master/loudness"u8)) return false;

        MasterLoudnessReading r = _loudness.Read();
        var writer = new OscWriter(reply);
        writer.BeginMessage("/master/loudness"u8, "ffffff"u8);
        writer.WriteFloat32(r.MomentaryLufs);
        writer.WriteFloat32(r.ShortTermLufs);
        writer.WriteFloat32(r.IntegratedLufs);
        writer.WriteFloat32(r.RangeLu);
        writer.WriteFloat32(r.TruePeakMaxDbtp);
        writer.WriteFloat32(r.LimiterReductionDb);
        return writer.TryComplete(out replyLength);
    }

    /// <inheritdoc/>
    public void OnMeters(ReadOnlySpan<float> linear, long timestamp) => _loudness.Update();
}
