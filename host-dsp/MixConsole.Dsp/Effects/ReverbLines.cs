using System.Runtime.CompilerServices;

namespace MixConsole.Dsp.Effects;

/// <summary>One value per loop line of a <see cref="Reverb"/>, held inline (a design copies by value and allocates nothing).</summary>
[InlineArray(Reverb.LineCount)]
public struct ReverbLines<T>
    where T : unmanaged
{
    private T _element;
}
