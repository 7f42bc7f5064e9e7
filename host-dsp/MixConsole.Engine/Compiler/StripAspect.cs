namespace MixConsole.Engine.Compiler;

/// <summary>
/// What part of a strip a parameter drives: a change re-derives and re-sends only that part (a fader move
/// touches the mix, never the EQ designs). Parts of a snapshot are indexed by strip key and aspect.
/// </summary>
internal static class StripAspect
{
    public const int Input = 0;
    public const int HighPass = 1;
    public const int Gate = 2;
    public const int Compressor = 3;
    public const int EqBand0 = 4;
    public const int Mix = 8;
    public const int Link = 9;
    public const int Effect = 10;

    /// <summary>A channel's sends to the buses and effects (apart from <see cref="Mix"/>: a fader move re-sends none).</summary>
    public const int Sends = 11;

    /// <summary>EQ band 5 of a bus or the main bus; band 6 follows.</summary>
    public const int EqBand4 = 12;

    /// <summary>Aspects per strip key.</summary>
    public const int Count = 14;

    /// <summary>A pseudo-aspect for eq/on: every band.</summary>
    public const int AllEqBands = 14;

    /// <summary>The aspect of EQ band <paramref name="band"/> (from 0).</summary>
    public static int EqBand(int band) => band < 4 ? EqBand0 + band : EqBand4 + band - 4;

    /// <summary>Bit of <paramref name="aspect"/> in a dirty mask (eq/on sets every band's bit).</summary>
    public static int Bits(int aspect) => aspect == AllEqBands ? (0xF << EqBand0) | (0x3 << EqBand4) : 1 << aspect;

    /// <summary>Every aspect.</summary>
    public const int All = (1 << Count) - 1;
}
