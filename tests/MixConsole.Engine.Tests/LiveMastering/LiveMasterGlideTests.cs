using MixConsole.Dsp.Core;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mastering;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Tests.LiveMastering;

/// <summary>
/// Every master-chain control moved in one jump while a sine plays: the difference between the moved chain and an
/// untouched twin (same input, same history) must grow smoothly. A glide makes that difference a sine whose
/// amplitude changes slowly, so no sample-to-sample step of it exceeds its own sine slope (omega x amplitude) by
/// much; a jump (coefficients, gains or thresholds switched between two samples) steps by a good part of the
/// amplitude itself.
/// </summary>
public sealed class LiveMasterGlideTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private const int Rate = 48_000;
    private const int Block = 32;
    private const int MoveAt = Rate * 3 / 10;          // 0.3 s: the multiband and limiter have settled
    private const int Length = MoveAt + Rate / 4;      // then 250 ms of glide and after

    /// <summary>Largest step allowed, as a multiple of the difference's own sine slope at its largest amplitude.</summary>
    internal const double StepBound = 1.25;

    private static ParameterStore NewStore() => new(ParameterTable.Create(ConsoleConfig.Default));

    private static void Set(ParameterStore store, string path, float value) =>
        Assert.True(store.TrySetReal(store.Table.IndexOf(path), value), path);

    /// <summary>
    /// Plays <paramref name="input"/> through two chains set alike by <paramref name="preset"/>; at <see cref="MoveAt"/>
    /// <paramref name="path"/> jumps from <paramref name="from"/> to <paramref name="to"/> in the first. Returns (moved, reference).
    /// </summary>
    private static (float[][] Moved, float[][] Reference) MoveOne(string path, float from, float to, float[][] input, Action<ParameterStore>? preset)
    {
        var storeMoved = NewStore();
        var storeReference = NewStore();
        foreach (var s in new[] { storeMoved, storeReference })
        {
            preset?.Invoke(s);
            Set(s, path, from);
        }
        var moved = new LiveMasterChain(storeMoved);
        var reference = new LiveMasterChain(storeReference);
        moved.Prepare(new ProcessSpec(Rate, Block, 2));
        reference.Prepare(new ProcessSpec(Rate, Block, 2));
        int frames = input[0].Length;
        var outMoved = new[] { new float[frames], new float[frames] };
        var outReference = new[] { new float[frames], new float[frames] };
        var buffer = new AudioBuffer(2, Block);
        for (int start = 0; start < frames; start += Block)
        {
            if (start == MoveAt) Set(storeMoved, path, to);
            int n = Math.Min(Block, frames - start);
            foreach (var (chain, output) in new[] { (moved, outMoved), (reference, outReference) })
            {
                for (int c = 0; c < 2; c++) input[c].AsSpan(start, n).CopyTo(buffer.Channel(c, n));
                chain.Process(buffer, n);
                for (int c = 0; c < 2; c++) buffer.Channel(c, n).CopyTo(output[c].AsSpan(start, n));
            }
        }
        return (outMoved, outReference);
    }

    private static float[][] Sines(double frequencyHz, double amplitude, double rightPhaseRad = 0) =>
        MasterSound.Sines(frequencyHz, amplitude, Length / (double)Rate, rightPhaseRad);

    /// <summary>Largest step of (moved - reference) over its sine slope at its largest amplitude, both channels, from just before the move.</summary>
    internal static (double Ratio, double MaxStep, double MaxDifference) StepRatio(float[][] moved, float[][] reference, double frequencyHz, int from, int to)
    {
        double omega = 2 * Math.PI * frequencyHz / Rate;
        double worst = 0, worstStep = 0, worstDifference = 0;
        for (int c = 0; c < moved.Length; c++)
        {
            double maxStep = 0, maxDifference = 0;
            for (int i = from; i < to; i++)
            {
                double d0 = (double)moved[c][i] - reference[c][i], d1 = (double)moved[c][i + 1] - reference[c][i + 1];
                maxStep = Math.Max(maxStep, Math.Abs(d1 - d0));
                maxDifference = Math.Max(maxDifference, Math.Abs(d1));
            }
            // A floor of 1e-6 absorbs float rounding where a control barely changes the sound.
            double ratio = (maxStep - 1e-6) / Math.Max(omega * maxDifference, 1e-12);
            if (ratio > worst) (worst, worstStep, worstDifference) = (ratio, maxStep, maxDifference);
        }
        return (worst, worstStep, worstDifference);
    }

    public static TheoryData<string, float, float, double, double, double, string> Moves => new()
    {
        // path, from, to, sine Hz, amplitude, right-channel phase, preset
        { "/master/eq/tilt", -6f, 6f, 200, 0.2, 0, "" },
        { "/master/eq/lowshelf/g", 0f, 12f, 100, 0.1, 0, "" },
        { "/master/eq/lowshelf/f", 20f, 500f, 200, 0.1, 0, "lowshelf+12" },
        { "/master/eq/highshelf/g", 0f, 12f, 1000, 0.1, 0, "highshelf2k" },
        { "/master/eq/highshelf/f", 20000f, 2000f, 1000, 0.1, 0, "highshelf+12" },
        { "/master/input/gain", -12f, 12f, 100, 0.1, 0, "" },
        { "/master/comp/amount", 0f, 100f, 100, 0.5, 0, "" },
        { "/master/comp/amount", 100f, 0f, 100, 0.5, 0, "" },
        { "/master/width", 100f, 0f, 100, 0.2, Math.PI / 4, "" },
        { "/master/width", 100f, 200f, 100, 0.2, Math.PI / 4, "" },
        { "/master/limiter/ceiling", -1f, -6f, 100, 0.8, 0, "" },
        { "/master/limiter/ceiling", -6f, 0f, 100, 0.8, 0, "" },
        { "/master/loudness/target", -30f, -6f, 100, 0.2, 0, "" },
        { "/master/bypass", 0f, 1f, 100, 0.2, 0, "comp60" },
        { "/master/bypass", 1f, 0f, 100, 0.2, 0, "comp60" },
        { "/master/ab", 0f, 1f, 100, 0.2, 0, "comp60" },
        { "/master/ab", 1f, 0f, 100, 0.2, 0, "comp60" },
        { "/master/eq/1/g", 0f, 12f, 250, 0.1, 0, "" },
        { "/master/eq/1/f", 100f, 1000f, 300, 0.1, 0, "bell1+12" },
        { "/master/eq/1/q", 0.3f, 10f, 400, 0.1, 0, "bell1+12" },
        { "/master/eq/2/g", 0f, -12f, 3000, 0.1, 0, "" },
        { "/master/comp/1/thr", -10f, -40f, 60, 0.5, 0, "comp100" },
        { "/master/comp/1/ratio", 1f, 8f, 60, 0.5, 0, "comp100" },
        { "/master/comp/2/thr", 0f, -40f, 600, 0.5, 0, "comp100" },
        { "/master/comp/2/ratio", 1f, 10f, 600, 0.5, 0, "comp100" },
        { "/master/comp/3/thr", 0f, -40f, 5000, 0.5, 0, "comp100" },
        { "/master/comp/3/ratio", 1f, 10f, 5000, 0.5, 0, "comp100" },
        { "/master/comp/2/mgain", 0f, 12f, 600, 0.1, 0, "" },
        { "/master/comp/2/attack", 0.5f, 200f, 300, 0.5, 0, "comp100" },
        { "/master/comp/2/release", 2000f, 10f, 300, 0.5, 0, "comp100" },
        { "/master/comp/xover/1", 40f, 800f, 200, 0.1, 0, "low+6" },
        { "/master/comp/xover/2", 800f, 16000f, 3000, 0.1, 0, "mid+6" },
        { "/master/imager/1/width", 100f, 0f, 60, 0.2, Math.PI / 4, "" },
        { "/master/imager/3/width", 100f, 200f, 8000, 0.1, Math.PI / 8, "" },
        { "/master/imager/xover/1", 40f, 800f, 200, 0.2, Math.PI / 4, "bassmono" },
        { "/master/imager/xover/2", 800f, 16000f, 3000, 0.2, Math.PI / 4, "high0" },
        { "/master/imager/bassmono", 0f, 1f, 60, 0.2, Math.PI / 4, "" },
        { "/master/imager/bassmono", 1f, 0f, 60, 0.2, Math.PI / 4, "" },
        { "/master/sat/on", 0f, 1f, 100, 0.2, 0, "" },
        { "/master/sat/on", 1f, 0f, 100, 0.2, 0, "" },
        { "/master/sat/drive", 0f, 24f, 100, 0.2, 0, "sat" },
        { "/master/sat/mix", 0f, 100f, 100, 0.2, 0, "sat" },
        { "/master/b/eq/tilt", -6f, 6f, 200, 0.2, 0, "playb" },
        { "/master/b/input/gain", -12f, 12f, 100, 0.1, 0, "playb" },
    };

    [Theory]
    [MemberData(nameof(Moves))]
    public void MasterControl_MovedInOneJump_Glides_StepsBoundedByTheDifferencesOwnSlope(
        string path, float from, float to, double frequencyHz, double amplitude, double rightPhaseRad, string preset)
    {
        Action<ParameterStore>? setUp = preset switch
        {
            "lowshelf+12" => s => Set(s, "/master/eq/lowshelf/g", 12f),
            "highshelf2k" => s => Set(s, "/master/eq/highshelf/f", 2000f),
            "highshelf+12" => s => Set(s, "/master/eq/highshelf/g", 12f),
            "comp60" => s => { Set(s, "/master/comp/amount", 60f); Set(s, "/master/eq/tilt", 3f); },
            "bell1+12" => s => Set(s, "/master/eq/1/g", 12f),
            "comp100" => s => Set(s, "/master/comp/amount", 100f),
            "low+6" => s => Set(s, "/master/comp/1/mgain", 6f),
            "mid+6" => s => Set(s, "/master/comp/2/mgain", 6f),
            "bassmono" => s => Set(s, "/master/imager/bassmono", 1f),
            "high0" => s => Set(s, "/master/imager/3/width", 0f),
            "sat" => s => Set(s, "/master/sat/on", 1f),
            "playb" => s => Set(s, "/master/ab", 1f),
            _ => null,
        };
        float[][] input = Sines(frequencyHz, amplitude, rightPhaseRad);
        var (moved, reference) = MoveOne(path, from, to, input, setUp);
        var (ratio, step, difference) = StepRatio(moved, reference, frequencyHz, MoveAt - Block, Length - 1);
        log.WriteLine($"{path} {from} -> {to}: largest step of the difference {step:0.000000} = {ratio:0.000} x its sine slope (largest difference {difference:0.00000})");
        Assert.True(difference > 1e-3, $"the move must change the sound: largest difference {difference}");
        Assert.True(ratio <= StepBound, $"{path} {from} -> {to}: a step of {step:0.000000} is {ratio:0.00} x the difference's own sine slope (bound {StepBound})");
    }

    public static TheoryData<string, float, float> TimeAndWordLengthMoves => new()
    {
        // Controls that move no level here (the limiter's release on a steady tone, the loudness mode) or only by a least significant bit (dither).
        { "/master/limiter/release", 10f, 1000f },
        { "/master/loudness/mode", 0f, 2f },
        { "/master/dither/on", 0f, 1f },
        { "/master/dither/bits", 0f, 1f },
        { "/master/dither/shape", 0f, 1f },
    };

    [Theory]
    [MemberData(nameof(TimeAndWordLengthMoves))]
    public void TimeConstantAndDitherControls_MovedInOneJump_StepNoMoreThanTheUntouchedOutput(string path, float from, float to)
    {
        // A compressed, limited sine: every time constant is at work when it moves.
        Action<ParameterStore> setUp = s => { Set(s, "/master/comp/amount", 100f); Set(s, "/master/input/gain", 6f); Set(s, "/master/dither/on", path.StartsWith("/master/dither/") && path != "/master/dither/on" ? 1f : 0f); };
        var (moved, reference) = MoveOne(path, from, to, Sines(300, 0.5), setUp);
        double movedStep = 0, referenceStep = 0;
        for (int c = 0; c < 2; c++)
            for (int i = MoveAt - Block; i < Length - 1; i++)
            {
                movedStep = Math.Max(movedStep, Math.Abs(moved[c][i + 1] - moved[c][i]));
                referenceStep = Math.Max(referenceStep, Math.Abs(reference[c][i + 1] - reference[c][i]));
            }
        double bound = referenceStep * 1.02 + 2.0 / 32768; // two 16-bit steps: the dither's own noise
        log.WriteLine($"{path} {from} -> {to}: largest output step {movedStep:0.000000}, untouched twin {referenceStep:0.000000} (bound {bound:0.000000})");
        Assert.True(movedStep <= bound, $"{path}: step {movedStep:0.000000} over the bound {bound:0.000000}");
    }
}
