using MixConsole.Dsp.Dynamics;
using MixConsole.Dsp.Filters;
using MixConsole.Dsp.Lanes;
using MixConsole.Tests.Shared;

namespace MixConsole.Dsp.Tests.Lanes;

/// <summary>
/// The lane kernels (biquad sections, gate, compressor) give the same bits in a SIMD row as in their one-channel
/// scalar form: every lane of a row is fed its own signal and settings, and each channel is run again on its own.
/// </summary>
public class LaneKernelTests
{
    private const double Fs = 48000;
    private const int Frames = 19200;
    private static readonly int[] Blocks = [1, 7, 32, 512, 3, 100];

    [Fact]
    public void VectorRow_EqualsOneLaneForm_BitForBit() => AssertRowEqualsOneLane<VectorLane>();

    [Fact]
    public void NarrowRow_EqualsOneLaneForm_BitForBit() => AssertRowEqualsOneLane<NarrowLane>();

    [Fact]
    public void ScalarReferenceRow_EqualsOneLaneForm_BitForBit() => AssertRowEqualsOneLane<ScalarLane<VectorLane>>();

    [Fact]
    public void Kernels_AllocateNothing()
    {
        var chain = new Chain<VectorLane>(VectorLane.Width, 0, VectorLane.Width);
        float[] row = new float[32 * VectorLane.Width];
        Allocations.AssertNone(() => chain.Block(row, 32, 0.5f), calls: 2_000, what: "biquad, gate and compressor kernels (one row, 32 frames)");
    }

    private static void AssertRowEqualsOneLane<T>() where T : struct, ILane<T>
    {
        int w = T.Width;
        float[][] input = new float[w][];
        for (int l = 0; l < w; l++) input[l] = Signal(l);

        // The row: every lane at once.
        var row = new Chain<T>(w, 0, w);
        float[][] rowOut = Run(row, input, 0, w);

        // Each pair of channels again in the one-lane form (a linked pair runs its two channels in step).
        for (int pair = 0; pair < w; pair += 2)
        {
            var left = new Chain<FloatLane>(1, pair, w);
            var right = new Chain<FloatLane>(1, pair + 1, w);
            float[][] alone = RunPair(left, right, input[pair], input[pair + 1], Linked(pair));
            for (int side = 0; side < 2; side++)
            {
                int l = pair + side;
                for (int t = 0; t < Frames; t++)
                    Assert.True(BitConverter.SingleToInt32Bits(rowOut[l][t]) == BitConverter.SingleToInt32Bits(alone[side][t]),
                        $"{typeof(T).Name} lane {l}, frame {t}: row {rowOut[l][t]:R}, one lane {alone[side][t]:R}");
                Chain<FloatLane> one = side == 0 ? left : right;
                Assert.Equal(row.Gates.MaxGainReductionDb[l], one.Gates.MaxGainReductionDb[0]);
                Assert.Equal(row.Compressors.MaxGainReductionDb[l], one.Compressors.MaxGainReductionDb[0]);
            }
        }

        // The settings did what the test is about: gates closed (hold, range) and compressors reduced gain.
        Assert.Contains(row.Gates.MaxGainReductionDb, gr => gr > 10f);
        Assert.Contains(row.Compressors.MaxGainReductionDb, gr => gr > 3f);
    }

    private static bool Linked(int lane) => lane / 2 % 2 == 0;

    // A tone at a lane's own frequency, loud and quiet in turns (the gate opens, holds and closes), starting at a lane's own offset.
    private static float[] Signal(int lane)
    {
        var x = new float[Frames];
        double f = 150 + 97 * lane;
        int period = 5000 + 300 * lane;
        for (int t = 0; t < Frames; t++)
        {
            double level = (t + 37 * lane) % period < period / 2 ? 0.5 / (1 + lane % 3) : 0.0008;
            x[t] = (float)(level * Math.Sin(2 * Math.PI * f * t / Fs));
        }
        return x;
    }

    private static float[][] Run<T>(Chain<T> chain, float[][] input, int first, int lanes) where T : struct, ILane<T>
    {
        int w = T.Width;
        var output = new float[lanes][];
        for (int l = 0; l < lanes; l++) output[l] = new float[Frames];
        var block = new float[512 * w];
        int done = 0, n = 0;
        while (done < Frames)
        {
            int frames = Math.Min(Blocks[n++ % Blocks.Length], Frames - done);
            for (int t = 0; t < frames; t++)
                for (int l = 0; l < w; l++) block[t * w + l] = input[first + l][done + t];
            chain.Block(block, frames, (float)done / Frames);
            for (int t = 0; t < frames; t++)
                for (int l = 0; l < w; l++) output[first + l][done + t] = block[t * w + l];
            done += frames;
        }
        return output;
    }

    private static float[][] RunPair(Chain<FloatLane> left, Chain<FloatLane> right, float[] inLeft, float[] inRight, bool linked)
    {
        float[] l = (float[])inLeft.Clone(), r = (float[])inRight.Clone();
        int done = 0, n = 0;
        while (done < Frames)
        {
            int frames = Math.Min(Blocks[n++ % Blocks.Length], Frames - done);
            Span<float> bl = l.AsSpan(done, frames), br = r.AsSpan(done, frames);
            float ramp = (float)done / Frames;
            left.Filter(bl, frames, ramp);
            right.Filter(br, frames, ramp);
            // One channel keys from the louder side of its pair: what the row's link does lane by lane.
            float[] keyLeft = Key(bl, br, linked), keyRight = Key(br, bl, linked);
            left.Gate(bl, keyLeft, frames);
            right.Gate(br, keyRight, frames);
            keyLeft = Key(bl, br, linked);
            keyRight = Key(br, bl, linked);
            left.Compress(bl, keyLeft, frames);
            right.Compress(br, keyRight, frames);
            done += frames;
        }
        return [l, r];
    }

    private static float[] Key(ReadOnlySpan<float> self, ReadOnlySpan<float> partner, bool linked)
    {
        var key = new float[self.Length];
        for (int t = 0; t < key.Length; t++) key[t] = linked ? MathF.Max(MathF.Abs(self[t]), MathF.Abs(partner[t])) : self[t];
        return key;
    }

    /// <summary>Two EQ sections (gliding between two designs), a gate and a compressor for <c>width</c> lanes, lane <c>i</c> set up as channel <c>first + i</c>.</summary>
    private sealed class Chain<T> where T : struct, ILane<T>
    {
        private readonly int _w;
        private readonly float[] _from = new float[2 * BiquadSectionKernel.Coefficients * LaneWidth.Max];
        private readonly float[] _to = new float[2 * BiquadSectionKernel.Coefficients * LaneWidth.Max];
        private readonly float[] _coefficients, _state, _link, _key, _detected, _gainDb, _onMixes, _mask;

        public Chain(int width, int first, int rowWidth)
        {
            _w = width;
            int c = BiquadSectionKernel.Coefficients * width, s = BiquadSectionKernel.States * width;
            _coefficients = new float[2 * c];
            _state = new float[2 * s];
            _link = new float[width];
            _key = new float[512 * width];
            _detected = new float[512 * width];
            _gainDb = new float[512 * width];
            _onMixes = new float[512 * width];
            _mask = new float[width];
            Array.Fill(_mask, 1f);
            Gates = new GateLanes(width);
            Compressors = new CompressorLanes(width);
            Gates.Prepare(Fs);
            Compressors.Prepare(Fs);
            for (int i = 0; i < width; i++)
            {
                int ch = first + i;
                _link[i] = width > 1 && Linked(ch) ? 1f : 0f;
                Design(_from, i, BiquadDesign.Peaking(Fs, 200 + 150 * ch, 0.8, 6 - ch % 5), BiquadDesign.HighPass(Fs, 60 + 10 * ch, 0.7));
                Design(_to, i, BiquadDesign.Peaking(Fs, 900 + 50 * ch, 1.5, -4 + ch % 3), BiquadDesign.HighShelf(Fs, 5000, 0.7, 3));

                float threshold = -30f - 2 * (ch % 5), ratio = 2 + ch % 3;
                bool expander = ch % 3 == 0;
                Gates.ThresholdDb[i] = threshold;
                Gates.ThresholdGain[i] = (float)Math.Pow(10, threshold / 20.0);
                Gates.Expander[i] = expander ? 1f : 0f;
                Gates.Expansion[i] = expander ? ratio - 1f : 1e30f;
                Gates.RangeDb[i] = 12f + 7 * (ch % 6);
                Gates.Attack[i] = TimeConstant.Coefficient(0.2 + ch % 3, Fs);
                Gates.Release[i] = TimeConstant.Coefficient(5 + 5 * (ch % 4), Fs);
                Gates.HoldSamples[i] = 120 * (ch % 4);
                Gates.On.SetTarget(i, ch % 7 == 6 ? 0f : 1f, 480);

                float cThreshold = -26f + 3 * (ch % 4), knee = 6f * (ch % 3);
                Compressors.ThresholdDb[i] = cThreshold;
                Compressors.KneeDb[i] = knee;
                Compressors.InverseTwoKnee[i] = knee > 0 ? 1f / (2f * knee) : 0f;
                Compressors.KneeStartPower[i] = (float)Math.Pow(10, (cThreshold - knee / 2.0) / 10.0);
                Compressors.Slope[i] = 1f - 1f / (2 + 2 * (ch % 4));
                Compressors.Attack[i] = TimeConstant.Coefficient(1 + ch % 5, Fs);
                Compressors.Release[i] = TimeConstant.Coefficient(40 + 20 * (ch % 3), Fs);
                Compressors.Rms[i] = ch % 2;
                Compressors.On.SetTarget(i, 1f, 240);
                Compressors.Mix.SetTarget(i, 0.4f + 0.1f * (ch % 6), 960);
                Compressors.MakeupDb.SetTarget(i, ch % 4, 2000);
            }
        }

        public GateLanes Gates { get; }

        public CompressorLanes Compressors { get; }

        public void Block(Span<float> block, int frames, float ramp)
        {
            Filter(block, frames, ramp);
            block[..(frames * _w)].CopyTo(_key);
            Gate(block, _key, frames);
            block[..(frames * _w)].CopyTo(_key);
            Compress(block, _key, frames);
        }

        public void Filter(Span<float> block, int frames, float ramp)
        {
            // A coefficient glide, one step per block, as the strips retune (a convex mix of two stable designs is stable).
            for (int k = 0; k < _coefficients.Length; k++)
                _coefficients[k] = _from[k] + (_to[k] - _from[k]) * ramp;
            int c = BiquadSectionKernel.Coefficients * _w, s = BiquadSectionKernel.States * _w;
            if (frames % 2 == 0)
            {
                BiquadSectionKernel.RunPair<T>(_coefficients.AsSpan(0, c), _state.AsSpan(0, s), _coefficients.AsSpan(c, c), _state.AsSpan(s, s), block, frames);
                return;
            }

            BiquadSectionKernel.Run<T>(_coefficients.AsSpan(0, c), _state.AsSpan(0, s), block, frames);
            BiquadSectionKernel.Run<T>(_coefficients.AsSpan(c, c), _state.AsSpan(s, s), block, frames);
        }

        public void Gate(Span<float> block, ReadOnlySpan<float> key, int frames) =>
            GateKernel.Process<T>(Gates, 0, _link, block, key, _detected, _gainDb, frames);

        public void Compress(Span<float> block, ReadOnlySpan<float> key, int frames) =>
            CompressorKernel.Process(Compressors, 0, _link, block, key, _detected, _gainDb, _onMixes, frames, T.Load(_mask, 0));

        private void Design(float[] into, int lane, BiquadCoefficients first, BiquadCoefficients second)
        {
            int c = BiquadSectionKernel.Coefficients * _w;
            double[] a = [first.B0, first.B1, first.B2, first.A1, first.A2], b = [second.B0, second.B1, second.B2, second.A1, second.A2];
            for (int k = 0; k < BiquadSectionKernel.Coefficients; k++)
            {
                into[k * _w + lane] = (float)a[k];
                into[c + k * _w + lane] = (float)b[k];
            }
        }
    }
}
