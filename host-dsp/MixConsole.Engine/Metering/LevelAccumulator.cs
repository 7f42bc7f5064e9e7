using System.Numerics;
using MixConsole.Dsp.Lanes;

namespace MixConsole.Engine.Metering;

/// <summary>Peak and mean-square of a signal over a meter window, fed chunk by chunk.</summary>
internal struct LevelAccumulator
{
    public float Peak;
    public double SumOfSquares;

    /// <summary>Adds the samples of <paramref name="audio"/> to the window.</summary>
    public void Add(ReadOnlySpan<float> audio)
    {
        int t = 0, n = audio.Length, w = Vector<float>.Count;
        var peak = Vector<float>.Zero;
        var sum = Vector<float>.Zero;
        for (; t + w <= n; t += w)
        {
            var x = new Vector<float>(audio[t..]);
            peak = Vector.MaxNative(peak, Vector.Abs(x));
            sum += x * x;
        }

        float p = MathF.Max(Peak, VectorMath.MaxAcross(peak)), s = Vector.Sum(sum);
        for (; t < n; t++)
        {
            float x = audio[t];
            p = MathF.Max(p, MathF.Abs(x));
            s += x * x;
        }

        Peak = p;
        SumOfSquares += s;
    }

    /// <summary>Root mean square over <paramref name="frames"/> frames.</summary>
    public readonly float Rms(int frames) => frames > 0 ? (float)Math.Sqrt(SumOfSquares / frames) : 0f;

    /// <summary>Starts a new window.</summary>
    public void Clear()
    {
        Peak = 0;
        SumOfSquares = 0;
    }
}
