using Iot.Device.Ads1115;
using MixConsole.ControlSurface.Hardware;

namespace MixConsole.Panel.Hardware;

/// <summary>
/// Pots on an ADS1115 as the core's analog inputs (AIN0-3). The converter gives one single-shot conversion at a time
/// (1.2 ms at 860 samples/s), so <see cref="Poll"/> converts one pot per call, round robin, and the core reads the
/// latest value of each.
/// </summary>
internal sealed class PotConverter : IFaderAdc
{
    private static readonly InputMultiplexer[] Inputs = [InputMultiplexer.AIN0, InputMultiplexer.AIN1, InputMultiplexer.AIN2, InputMultiplexer.AIN3];

    private readonly Ads1115? _adc;
    private readonly int[] _polled;
    private readonly int[] _latest = new int[4];
    private int _next;

    /// <summary>Reads <paramref name="polled"/> (AIN numbers) on <paramref name="adc"/>, null when the panel has no pots; full travel is <paramref name="supplyVolts"/>.</summary>
    public PotConverter(Ads1115? adc, int[] polled, double supplyVolts)
    {
        _adc = adc;
        _polled = polled;
        // Single-ended on the ±4.096 V range: VDD reads supply / 4.096 V of 32767.
        FullScale = (int)Math.Round(supplyVolts / 4.096 * short.MaxValue);
    }

    /// <inheritdoc/>
    public int ChannelCount => _latest.Length;

    /// <inheritdoc/>
    public int FullScale { get; }

    /// <summary>Converts the next pot.</summary>
    public void Poll()
    {
        if (_adc is null || _polled.Length == 0)
        {
            return;
        }

        int input = _polled[_next];
        _next = (_next + 1) % _polled.Length;
        int raw = _adc.ReadRaw(Inputs[input]);
        _latest[input] = raw < 0 ? 0 : (raw > FullScale ? FullScale : raw);
    }

    /// <inheritdoc/>
    public int Read(int channel) => _latest[channel];
}
