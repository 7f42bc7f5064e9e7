using MixConsole.Engine.Configuration;
using MixConsole.Engine.Parameters;
using Xunit;

namespace MixConsole.Engine.Tests.Parameters;

/// <summary>Properties of every spec of the console, checked on every grid point and on seeded random inputs.</summary>
public class GridRoundTripTests
{
    private const int RandomSamplesPerSpec = 4000;

    public static TheoryData<string> NumericSpecs()
    {
        var data = new TheoryData<string>();
        foreach (var path in DistinctSpecPaths())
        {
            data.Add(path);
        }

        return data;
    }

    private static readonly ParameterTable Table = ParameterTable.Create(ConsoleConfig.Default);

    /// <summary>
    /// A seed from the path that is the same in every process (FNV-1a over its characters): string.GetHashCode is
    /// randomised per process, so a failure seeded by it could not be run again.
    /// </summary>
    private static int Seed(string path, int salt)
    {
        uint hash = 2166136261;
        foreach (char c in path)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)hash ^ salt;
    }

    // An X32 effect par's grid is a float's (2^24 + 1 points): every 4099th point, a prime stride, stands for it.
    private static int Stride(ParameterSpec spec) => spec.StepCount > 1 << 16 ? 4099 : 1;

    private static List<string> DistinctSpecPaths()
    {
        var table = ParameterTable.Create(ConsoleConfig.Default);
        var seen = new HashSet<ParameterSpec>();
        var paths = new List<string>();
        foreach (var p in table.Parameters)
        {
            if (p.Kind != ParameterKind.String && seen.Add(p.Spec))
            {
                paths.Add(p.Path);
            }
        }

        return paths;
    }

    [Theory]
    [MemberData(nameof(NumericSpecs))]
    public void EveryGridPoint_RealToNormalizedToReal_IsStable(string path)
    {
        var spec = Table[Table.IndexOf(path)].Spec;
        for (int k = 0; k < spec.StepCount; k += Stride(spec))
        {
            float real = spec.RealAt(k);
            Assert.Equal(k, spec.GridIndexOfReal(real));
            float normalized = spec.ToNormalized(real);
            Assert.Equal(spec.NormalizedAt(k), normalized);
            Assert.Equal(real, spec.FromNormalized(normalized));
            Assert.Equal(real, spec.SnapReal(real));
        }
    }

    [Theory]
    [MemberData(nameof(NumericSpecs))]
    public void GridValues_AreMonotonic_AndSpanMinimumToMaximum(string path)
    {
        var spec = Table[Table.IndexOf(path)].Spec;
        int direction = Math.Sign(spec.RealAt(spec.StepCount - 1) - spec.RealAt(0));
        Assert.NotEqual(0, direction);
        int stride = Stride(spec);
        for (int k = stride; k < spec.StepCount; k += stride)
        {
            Assert.Equal(direction, Math.Sign(spec.RealAt(k) - spec.RealAt(k - stride)));
        }

        Assert.Equal(Math.Min(spec.RealAt(0), spec.RealAt(spec.StepCount - 1)), spec.Minimum);
        Assert.Equal(Math.Max(spec.RealAt(0), spec.RealAt(spec.StepCount - 1)), spec.Maximum);
        Assert.Equal(spec.RealAt(spec.DefaultGridIndex), spec.Default);
    }

    [Theory]
    [MemberData(nameof(NumericSpecs))]
    public void RandomNormalized_SnapsToNearestGridPoint_AndSnappingIsIdempotent(string path)
    {
        var spec = Table[Table.IndexOf(path)].Spec;
        int seed = Seed(path, 0x5eed);
        var random = new Random(seed);
        float halfStep = 0.5f / (spec.StepCount - 1);
        for (int i = 0; i < RandomSamplesPerSpec; i++)
        {
            float normalized = random.NextSingle();
            float real = spec.FromNormalized(normalized);
            float snapped = spec.ToNormalized(real);
            if (!(Math.Abs(snapped - normalized) <= halfStep + 1e-6f))
            {
                Assert.Fail($"{path}, seed {seed}, sample {i}: normalised {normalized:R} snapped to {snapped:R}");
            }

            if (spec.FromNormalized(snapped) != real)
            {
                Assert.Fail($"{path}, seed {seed}, sample {i}: real {real:R} (from {normalized:R}) came back as {spec.FromNormalized(snapped):R}");
            }

            if (spec.ToNormalized(spec.FromNormalized(snapped)) != snapped)
            {
                Assert.Fail($"{path}, seed {seed}, sample {i}: snapping {snapped:R} (from {normalized:R}) again moved it");
            }
        }
    }

    [Theory]
    [MemberData(nameof(NumericSpecs))]
    public void RandomReal_InsideRange_SnapsOntoTheGrid_AndSnappingIsIdempotent(string path)
    {
        var spec = Table[Table.IndexOf(path)].Spec;
        int seed = Seed(path, 0x7a11);
        var random = new Random(seed);
        float low = float.IsNegativeInfinity(spec.Minimum) ? -100f : spec.Minimum;
        for (int i = 0; i < RandomSamplesPerSpec; i++)
        {
            float real = low + random.NextSingle() * (spec.Maximum - low);
            float snapped = spec.SnapReal(real);
            int k = spec.GridIndexOfReal(real);
            if (spec.RealAt(k) != snapped)
            {
                Assert.Fail($"{path}, seed {seed}, sample {i}: real {real:R} snapped to {snapped:R}, not to step {k} ({spec.RealAt(k):R})");
            }

            if (spec.SnapReal(snapped) != snapped)
            {
                Assert.Fail($"{path}, seed {seed}, sample {i}: snapping {snapped:R} again gave {spec.SnapReal(snapped):R}");
            }

            if (spec.Kind == ParameterKind.Float && spec.Mapping is not TableMapping)
            {
                // Nearest along the knob: no other grid point is closer in normalised terms.
                double at = spec.Mapping.ToNormalized(real);
                double mine = Math.Abs(at - spec.NormalizedAt(k));
                if (k > 0 && !(mine <= Math.Abs(at - spec.NormalizedAt(k - 1)) + 1e-6))
                {
                    Assert.Fail($"{path}, seed {seed}, sample {i}: {real:R} snapped to step {k}, step {k - 1} is nearer");
                }

                if (k < spec.StepCount - 1 && !(mine <= Math.Abs(at - spec.NormalizedAt(k + 1)) + 1e-6))
                {
                    Assert.Fail($"{path}, seed {seed}, sample {i}: {real:R} snapped to step {k}, step {k + 1} is nearer");
                }
            }
        }
    }
}
