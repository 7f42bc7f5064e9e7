using MixConsole.Dsp.Dynamics;
using MixConsole.Dsp.Lanes;
using Xunit;

namespace MixConsole.Dsp.Tests.Dynamics;

/// <summary>
/// The compressor kernel's arithmetic (its steps folded into multiply-adds) against the textbook compressor in doubles
/// (Giannoulis, Massberg and Reiss 2012, written plainly): with exact decibel maths (<see cref="ExactLane"/>) the two
/// differ only by float rounding, so their outputs null deep on programme, at rest and while make-up, mix and the switch ramp
/// (nulls of -118 to -127 dB, no sample off by more than -112 dB under the peak; the kernel's earlier unfused steps gave -115 to
/// -125 dB and -105 dB).
/// </summary>
public class CompressorArithmeticTests
{
    private const int Block = 32;

    [Theory]
    [InlineData(0f, 5.0, 80.0, false)]
    [InlineData(1f, 0.2, 40.0, false)]
    [InlineData(0f, 1.0, 200.0, true)]
    [InlineData(1f, 10.0, 500.0, true)]
    public void Kernel_WithExactDecibels_NullsAgainstTheTextbookCompressor_Below115Db(float rms, double attackMs, double releaseMs, bool ramps)
    {
        float[] input = CompressorFixtures.Programme(96_000, 11);
        float[] kernel = (float[])input.Clone();
        var row = CompressorFixtures.Row(rms, attackMs, releaseMs);
        var reference = new TextbookCompressor(row);
        float[] link = [0f], one = [1f], detected = new float[Block], levels = new float[Block], onMixes = new float[Block];
        for (int start = 0, b = 0; start < input.Length; start += Block, b++)
        {
            if (ramps && b % 300 == 100) SetRamps(row, reference, b);
            CompressorKernel.Process(row, 0, link, kernel.AsSpan(start, Block), input.AsSpan(start, Block), detected, levels, onMixes, Block,
                ExactLane.Load(one, 0));
        }

        double[] exact = reference.Run(input);
        Assert.True(reference.LargestReductionDb > 10, "the programme should be compressed by over 10 dB at times");
        double error = 0, signal = 0, worst = 0, peak = 0;
        for (int i = 0; i < input.Length; i++)
        {
            double d = kernel[i] - exact[i];
            error += d * d;
            signal += exact[i] * exact[i];
            worst = Math.Max(worst, Math.Abs(d));
            peak = Math.Max(peak, Math.Abs(exact[i]));
        }
        double nullDb = 10 * Math.Log10(error / signal), worstDb = 20 * Math.Log10(worst / peak);
        Assert.True(nullDb < -115, $"null {nullDb:F1} dB");
        Assert.True(worstDb < -110, $"largest difference {worstDb:F1} dB under the peak");
    }

    // Moves make-up, mix and (every third time) the switch over 1000 samples, in the kernel's lanes and the reference's schedule.
    private static void SetRamps(CompressorLanes row, TextbookCompressor reference, int block)
    {
        int move = block / 300;
        row.MakeupDb.SetTarget(0, move % 2 == 0 ? 0f : 9f, 1000);
        row.Mix.SetTarget(0, move % 2 == 0 ? 0.4f : 1f, 1000);
        if (move % 3 == 2) row.On.SetTarget(0, row.On.Target[0] == 1f ? 0f : 1f, 1000);
        reference.Schedule(block * Block, row);
    }

    // Drum-like hits over a bed that swells and fades, as in FastDecibelsAccuracyTests, -60..+6 dBFS.
    // The textbook compressor, sample by sample in doubles, with the same settings and the same ramp arithmetic
    // (value = target - step × samples left), keyed by its own input.
    private sealed class TextbookCompressor(CompressorLanes row)
    {
        private readonly List<(int At, double[] Target, double[] Step, double Remaining)> _moves = [];
        private readonly double _threshold = row.ThresholdDb[0], _slope = row.Slope[0], _knee = row.KneeDb[0], _kneeStart = row.KneeStartPower[0];
        private readonly double _attack = row.Attack[0], _release = row.Release[0], _update = row.RmsUpdate[0];
        private readonly bool _rms = row.Rms[0] > 0;
        private readonly double[] _start = [row.On.Target[0], row.Mix.Target[0], row.MakeupDb.Target[0]];

        public double LargestReductionDb { get; private set; }

        public void Schedule(int at, CompressorLanes lanes) => _moves.Add((at,
            [lanes.On.Target[0], lanes.Mix.Target[0], lanes.MakeupDb.Target[0]],
            [lanes.On.Step[0], lanes.Mix.Step[0], lanes.MakeupDb.Step[0]], lanes.MakeupDb.Remaining[0]));

        public double[] Run(float[] input)
        {
            var output = new double[input.Length];
            double meanSquare = 0, gr = 0;
            double[] target = (double[])_start.Clone(), step = new double[3], left = new double[3];
            int next = 0;
            for (int i = 0; i < input.Length; i++)
            {
                if (next < _moves.Count && _moves[next].At == i)
                {
                    // The switch keeps its old ramp when it was not moved (its remaining count is 0 then).
                    var m = _moves[next++];
                    for (int k = 0; k < 3; k++)
                        if (k > 0 || m.Target[0] != target[0]) (target[k], step[k], left[k]) = (m.Target[k], m.Step[k], m.Remaining);
                }

                double square = (double)input[i] * input[i];
                meanSquare += _update * (square - meanSquare);
                double power = _rms ? meanSquare : square;
                double wanted = power < _kneeStart ? 0 : Curve(10 * Math.Log10(power));
                gr = wanted + (wanted > gr ? _attack : _release) * (gr - wanted);
                if (gr < 1e-6) gr = 0;
                for (int k = 0; k < 3; k++) left[k] = Math.Max(left[k] - 1, 0);
                double on = target[0] - step[0] * left[0], mix = target[1] - step[1] * left[1], makeup = target[2] - step[2] * left[2];
                LargestReductionDb = Math.Max(LargestReductionDb, gr * on);
                output[i] = input[i] * (1 + on * mix * (Math.Pow(10, (makeup - gr) / 20) - 1));
            }
            return output;
        }

        private double Curve(double levelDb)
        {
            double over = levelDb - _threshold;
            if (2 * over <= -_knee) return 0;
            if (2 * over < _knee) return _slope * Math.Pow(over + _knee / 2, 2) / (2 * _knee);
            return _slope * over;
        }
    }
}
