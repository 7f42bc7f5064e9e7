using System.Buffers.Binary;

namespace MixConsole.Panel.Tests.Fakes;

/// <summary>
/// An ADS1115's pointer, config and conversion registers: writing the config register with OS set converts the
/// single-ended input its MUX field names (at the PGA range it names) into the conversion register at once, so the
/// config register always reads "not busy".
/// </summary>
internal sealed class FakeAds1115(int address = 0x49) : RegisterI2cDevice(address)
{
    public const byte Conversion = 0x00;
    public const byte Config = 0x01;

    private static readonly double[] RangeVolts = [6.144, 4.096, 2.048, 1.024, 0.512, 0.256, 0.256, 0.256];
    private readonly double[] _volts = new double[4];
    private readonly ushort[] _registers = [0, 0x8583, 0x8000, 0x7FFF];
    private int _pointer;

    /// <summary>Conversions made.</summary>
    public int Conversions { get; private set; }

    /// <summary>Sets the voltage on AIN<paramref name="input"/> (a pot's wiper).</summary>
    public void SetVolts(int input, double volts)
    {
        lock (Gate) _volts[input] = volts;
    }

    protected override void OnWrite(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0) return;
        _pointer = bytes[0] & 3;
        if (bytes.Length < 3) return;
        ushort value = BinaryPrimitives.ReadUInt16BigEndian(bytes[1..]);
        // OS reads 1 (idle) at once: the conversion below is instant.
        _registers[_pointer] = _pointer == Config ? (ushort)(value | 0x8000) : value;
        if (_pointer == Config && (value & 0x8000) != 0)
        {
            Convert(value);
        }
    }

    protected override void OnRead(Span<byte> bytes)
    {
        if (bytes.Length >= 2) BinaryPrimitives.WriteUInt16BigEndian(bytes, _registers[_pointer]);
    }

    private void Convert(ushort config)
    {
        int mux = (config >> 12) & 7;
        double fullScale = RangeVolts[(config >> 9) & 7];
        // MUX 100-111: AINx against GND; the differential pairs are not wired on the panel.
        double volts = mux >= 4 ? _volts[mux - 4] : 0;
        int code = (int)Math.Round(volts / fullScale * 32768);
        _registers[Conversion] = (ushort)(short)Math.Clamp(code, short.MinValue, short.MaxValue);
        Conversions++;
    }
}
