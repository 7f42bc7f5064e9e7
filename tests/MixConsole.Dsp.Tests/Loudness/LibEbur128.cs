using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MixConsole.Dsp.Tests.Loudness;

/// <summary>The reference meter (Debian libebur128-1), called only from tests.</summary>
internal static partial class LibEbur128
{
    private const string Lib = "libebur128.so.1";

    public const int ModeM = 1 << 0;
    public const int ModeS = (1 << 1) | ModeM;
    public const int ModeI = (1 << 2) | ModeM;
    public const int ModeLra = (1 << 3) | ModeS;
    public const int ModeSamplePeak = (1 << 4) | ModeM;
    public const int ModeTruePeak = (1 << 5) | ModeM | ModeSamplePeak;
    public const int ModeAll = ModeI | ModeLra | ModeTruePeak | ModeSamplePeak | ModeM | ModeS;

    [LibraryImport(Lib, EntryPoint = "ebur128_init")]
    private static partial IntPtr Init(uint channels, nuint sampleRate, int mode);

    [LibraryImport(Lib, EntryPoint = "ebur128_destroy")]
    private static partial void Destroy(ref IntPtr state);

    [LibraryImport(Lib, EntryPoint = "ebur128_add_frames_float")]
    private static unsafe partial int AddFramesFloat(IntPtr state, float* interleaved, nuint frames);

    [LibraryImport(Lib, EntryPoint = "ebur128_loudness_global")]
    private static partial int LoudnessGlobal(IntPtr state, out double lufs);

    [LibraryImport(Lib, EntryPoint = "ebur128_loudness_momentary")]
    private static partial int LoudnessMomentary(IntPtr state, out double lufs);

    [LibraryImport(Lib, EntryPoint = "ebur128_loudness_shortterm")]
    private static partial int LoudnessShortTerm(IntPtr state, out double lufs);

    [LibraryImport(Lib, EntryPoint = "ebur128_loudness_range")]
    private static partial int LoudnessRange(IntPtr state, out double lu);

    [LibraryImport(Lib, EntryPoint = "ebur128_true_peak")]
    private static partial int TruePeak(IntPtr state, uint channel, out double peak);

    [LibraryImport(Lib, EntryPoint = "ebur128_sample_peak")]
    private static partial int SamplePeak(IntPtr state, uint channel, out double peak);

    public sealed record Result(double IntegratedLufs, double MomentaryLufs, double ShortTermLufs,
        double RangeLu, double[] TruePeak, double[] SamplePeak);

    /// <summary>Measures planar <paramref name="channels"/> with libebur128's default channel map.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe Result Measure(float[][] channels, int sampleRateHz)
    {
        int nch = channels.Length, frames = channels[0].Length;
        IntPtr st = Init((uint)nch, (nuint)sampleRateHz, ModeAll);
        if (st == IntPtr.Zero)
            throw new InvalidOperationException("ebur128_init failed");
        try
        {
            const int Block = 4096;
            var inter = new float[Block * nch];
            for (int off = 0; off < frames; off += Block)
            {
                int n = Math.Min(Block, frames - off);
                for (int i = 0; i < n; i++)
                    for (int c = 0; c < nch; c++)
                        inter[i * nch + c] = channels[c][off + i];
                fixed (float* p = inter)
                    Check(AddFramesFloat(st, p, (nuint)n));
            }
            Check(LoudnessGlobal(st, out double i1));
            Check(LoudnessMomentary(st, out double m));
            Check(LoudnessShortTerm(st, out double s));
            Check(LoudnessRange(st, out double lra));
            var tp = new double[nch];
            var sp = new double[nch];
            for (int c = 0; c < nch; c++)
            {
                Check(TruePeak(st, (uint)c, out tp[c]));
                Check(SamplePeak(st, (uint)c, out sp[c]));
            }
            return new Result(i1, m, s, lra, tp, sp);
        }
        finally
        {
            Destroy(ref st);
        }
    }

    /// <summary>libebur128 fed a stereo stream piece by piece, read between pieces (what a live meter shows at that point).</summary>
    public sealed class Stereo : IDisposable
    {
        private IntPtr _state;

        public Stereo(int sampleRateHz)
        {
            _state = Init(2, (nuint)sampleRateHz, ModeAll);
            if (_state == IntPtr.Zero)
                throw new InvalidOperationException("ebur128_init failed");
        }

        public unsafe void Add(float[] left, float[] right, int start, int frames)
        {
            var inter = new float[2 * frames];
            for (int i = 0; i < frames; i++)
            {
                inter[2 * i] = left[start + i];
                inter[2 * i + 1] = right[start + i];
            }
            fixed (float* p = inter)
                Check(AddFramesFloat(_state, p, (nuint)frames));
        }

        public double MomentaryLufs { get { Check(LoudnessMomentary(_state, out double v)); return v; } }

        public double ShortTermLufs { get { Check(LoudnessShortTerm(_state, out double v)); return v; } }

        public double IntegratedLufs { get { Check(LoudnessGlobal(_state, out double v)); return v; } }

        public double RangeLu { get { Check(LoudnessRange(_state, out double v)); return v; } }

        /// <summary>Largest true peak of both channels, dBTP.</summary>
        public double TruePeakDbtp
        {
            get
            {
                Check(TruePeak(_state, 0, out double l));
                Check(TruePeak(_state, 1, out double r));
                return 20 * Math.Log10(Math.Max(l, r));
            }
        }

        public void Dispose() => Destroy(ref _state);
    }

    private static void Check(int error)
    {
        if (error != 0)
            throw new InvalidOperationException($"libebur128 error {error}");
    }
}
