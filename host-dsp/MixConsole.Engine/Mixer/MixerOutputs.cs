namespace MixConsole.Engine.Mixer;

/// <summary>
/// The engine's output channels in order: main left, main right, bus 1..N (after their faders),
/// mono, solo left, solo right, matrix 1..M. With fewer output channels the list is cut short (a Pi codec with
/// 8 outputs and 4 buses gets main, buses 1-4, mono and solo left); a missing output is -1.
/// </summary>
public sealed class MixerOutputs
{
    private readonly int _buses;

    /// <summary>Lays out <paramref name="buses"/> buses and <paramref name="matrices"/> matrices over <paramref name="outputs"/> output channels.</summary>
    public MixerOutputs(int buses, int outputs, int matrices = 0)
    {
        _buses = buses;
        Available = outputs;
        Used = Math.Min(outputs, Total(buses, matrices));
    }

    /// <summary>Output channels a full layout needs for <paramref name="buses"/> buses and <paramref name="matrices"/> matrices.</summary>
    public static int Total(int buses, int matrices = 0) => 5 + buses + matrices;

    /// <summary>Output channels given.</summary>
    public int Available { get; }

    /// <summary>Output channels that carry a signal (the rest are written silent).</summary>
    public int Used { get; }

    /// <summary>Main left output, or -1.</summary>
    public int MainLeft => Checked(0);

    /// <summary>Main right output, or -1.</summary>
    public int MainRight => Checked(1);

    /// <summary>Output of bus <paramref name="bus"/> (0-based), or -1.</summary>
    public int Bus(int bus) => Checked(2 + bus);

    /// <summary>Mono bus output, or -1.</summary>
    public int Mono => Checked(2 + _buses);

    /// <summary>Solo left output, or -1.</summary>
    public int SoloLeft => Checked(3 + _buses);

    /// <summary>Solo right output, or -1.</summary>
    public int SoloRight => Checked(4 + _buses);

    /// <summary>Output of matrix <paramref name="matrix"/> (0-based), after solo right, or -1.</summary>
    public int Matrix(int matrix) => Checked(5 + _buses + matrix);

    private int Checked(int index) => index < Available ? index : -1;
}
