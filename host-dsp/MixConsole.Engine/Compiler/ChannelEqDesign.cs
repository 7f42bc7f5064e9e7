using MixConsole.Dsp.Filters;
using MixConsole.Engine.Mixer.Strips;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Compiler;

/// <summary>
/// A channel's EQ sections as the compiler designs them for the audio (the same <see cref="StripDesigns.EqBand"/>
/// over the store's values), for screens that draw the response the engine really plays. Control side; allocates nothing.
/// </summary>
public static class ChannelEqDesign
{
    /// <summary>Sections in a channel EQ (one per band).</summary>
    public const int Bands = StripSection.ChannelEqBands;

    /// <summary>Writes channel <paramref name="channel"/>'s (from 1) band sections at <paramref name="sampleRateHz"/>; identity when the EQ is off.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such channel, or fewer than <see cref="Bands"/> destinations.</exception>
    public static void Design(ParameterStore store, int channel, double sampleRateHz, Span<BiquadCoefficients> bands)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(bands.Length, Bands, nameof(bands));
        ParameterTable table = store.Table;
        ArgumentOutOfRangeException.ThrowIfLessThan(channel, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channel, table.Config.Channels);
        float Value(ParameterRole role, int band = 0) => store.GetReal(table.Bind(new ParameterKey(ParameterOwner.Channel, channel, role, band)).Index);
        bool on = Value(ParameterRole.EqOn) != 0;
        for (int band = 0; band < Bands; band++)
        {
            bands[band] = StripDesigns.EqBand(sampleRateHz, on, (int)Value(ParameterRole.EqType, band + 1),
                Value(ParameterRole.EqFrequency, band + 1), Value(ParameterRole.EqGain, band + 1), Value(ParameterRole.EqQ, band + 1));
        }
    }
}
