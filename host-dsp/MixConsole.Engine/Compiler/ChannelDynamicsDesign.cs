using MixConsole.Dsp.Dynamics;
using MixConsole.Dsp.Lanes;
using MixConsole.Engine.Mixer.Strips;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Compiler;

/// <summary>
/// A channel's gate and compressor as static transfer curves (steady input level in, output level out), from the
/// settings the compiler designs for the audio and the kernels' own static curves (<see cref="GateKernel.Attenuation{T}"/>,
/// <see cref="CompressorKernel.Curve{T}"/>), for screens that draw what the engine does. Control side; allocates nothing.
/// </summary>
public static class ChannelDynamicsDesign
{
    /// <summary>
    /// Writes channel <paramref name="channel"/>'s (from 1) output level in dB for each steady level in
    /// <paramref name="inputDb"/>: through the gate to <paramref name="gateDb"/>, through the compressor (make-up and
    /// dry/wet mix included) to <paramref name="compressorDb"/>. A section that is off passes its input unchanged.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No such channel, or a destination shorter than <paramref name="inputDb"/>.</exception>
    public static void Curves(ParameterStore store, int channel, double sampleRateHz, ReadOnlySpan<float> inputDb, Span<float> gateDb, Span<float> compressorDb)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(gateDb.Length, inputDb.Length, nameof(gateDb));
        ArgumentOutOfRangeException.ThrowIfLessThan(compressorDb.Length, inputDb.Length, nameof(compressorDb));
        ParameterTable table = store.Table;
        ArgumentOutOfRangeException.ThrowIfLessThan(channel, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channel, table.Config.Channels);
        float Value(ParameterRole role) => store.GetReal(table.Bind(new ParameterKey(ParameterOwner.Channel, channel, role, 0)).Index);

        GateSettings gate = GateSettings.DesignMode(sampleRateHz, Value(ParameterRole.GateOn) != 0, (int)Value(ParameterRole.GateMode),
            Value(ParameterRole.GateThreshold), Value(ParameterRole.GateRange), Value(ParameterRole.GateAttack), Value(ParameterRole.GateHold),
            Value(ParameterRole.GateRelease));
        CompressorSettings compressor = CompressorSettings.Design(sampleRateHz, Value(ParameterRole.DynamicsOn) != 0, Value(ParameterRole.DynamicsDetector) != 0,
            Value(ParameterRole.DynamicsThreshold), ConsoleAddressSpace.CompressorRatio(Value(ParameterRole.DynamicsRatio)),
            ConsoleAddressSpace.CompressorKneeDb(Value(ParameterRole.DynamicsKnee)), Value(ParameterRole.DynamicsAttack),
            Value(ParameterRole.DynamicsRelease), Value(ParameterRole.DynamicsMakeup), Value(ParameterRole.DynamicsMix) / 100f, beforeEq: false);
        for (int i = 0; i < inputDb.Length; i++)
        {
            gateDb[i] = inputDb[i] - gate.On * GateAttenuationDb(gate, inputDb[i]);
            compressorDb[i] = inputDb[i] + CompressorGainDb(compressor, inputDb[i]);
        }
    }

    // The kernel's target: nothing at or above the threshold, the expander's curve or the range below it.
    private static float GateAttenuationDb(in GateSettings gate, float levelDb) =>
        levelDb >= gate.ThresholdDb ? 0f : GateKernel.Attenuation(new FloatLane(levelDb), new FloatLane(gate.ThresholdDb), new FloatLane(gate.RangeDb), new FloatLane(gate.Expansion)).Value;

    // The kernel's gain: make-up less the curve's reduction, mixed with the dry signal as 1 + on mix (g - 1).
    private static float CompressorGainDb(in CompressorSettings c, float levelDb)
    {
        float reductionDb = CompressorKernel.Curve(new FloatLane(levelDb - c.ThresholdDb), new FloatLane(0.5f * c.KneeDb), new FloatLane(c.Slope),
            new FloatLane(c.Slope * c.InverseTwoKnee)).Value;
        double wet = Math.Pow(10, (c.MakeupDb - reductionDb) / 20.0);
        return (float)(20 * Math.Log10(1 + c.On * c.Mix * (wet - 1)));
    }
}
