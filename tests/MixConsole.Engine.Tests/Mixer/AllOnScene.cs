using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Tests.Mixer;

/// <summary>Every stage of every strip switched on, with varied settings, for tests that must exercise all paths.</summary>
internal static class AllOnScene
{
    public static void Apply(EngineHarness h, bool linkFirstPair = true)
    {
        var config = h.Config;
        for (int c = 1; c <= config.Channels; c++)
        {
            string ch = ParameterPaths.Channel(c);
            h.Real(ch + "/preamp/trim", c % 3 - 1).Real(ch + "/preamp/invert", c % 4 == 3 ? 1 : 0)
             .Real(ch + "/preamp/hpon", 1).Real(ch + "/preamp/hpf", 40 + 10 * c).Real(ch + "/preamp/hpslope", c % 3)
             .Real(ch + "/delay/on", 1).Real(ch + "/delay/time", 0.5f + c)
             .Real(ch + "/gate/on", 1).Real(ch + "/gate/mode", c % 4).Real(ch + "/gate/thr", -50).Real(ch + "/gate/filter/on", c % 2 == 0 ? 1 : 0).Real(ch + "/gate/filter/type", c % 9).Real(ch + "/gate/filter/f", 100)
             .Real(ch + "/dyn/on", 1).Real(ch + "/dyn/thr", -30).Real(ch + "/dyn/det", c % 2).Real(ch + "/dyn/knee", 2)
             .Real(ch + "/dyn/pos", c % 3 == 0 ? 0 : 1).Real(ch + "/dyn/filter/on", 1).Real(ch + "/dyn/filter/type", 1).Real(ch + "/dyn/filter/f", 120).Real(ch + "/dyn/mgain", 3).Real(ch + "/dyn/mix", 80)
             .Real(ch + "/eq/on", 1).Real(ch + "/eq/1/g", 4).Real(ch + "/eq/2/g", -3).Real(ch + "/eq/3/g", 5).Real(ch + "/eq/4/g", -2)
             .Real(ch + "/eq/4/type", c % 6)
             .Real(ch + "/mix/pan", (c % 5 - 2) * 40).Real(ch + "/mix/mono", 1).Real(ch + "/mix/mlevel", -6);
            for (int b = 1; b <= config.Buses; b++)
            {
                h.Real(ParameterPaths.Send(c, b) + "/level", -6 - b);
                if (b % 2 == 1) h.Real(ParameterPaths.Send(c, b) + "/type", (b + c) % 6);
            }

            for (int s = 1; s <= config.FxSlots; s++)
                h.Real(ParameterPaths.FxSend(c, s) + "/level", -12).Real(ParameterPaths.FxSend(c, s) + "/tap", (s + c) % 3);
        }

        if (linkFirstPair) h.Real("/config/chlink/1-2", 1);
        for (int b = 1; b <= config.Buses; b++)
        {
            string bus = ParameterPaths.Bus(b);
            h.Real(bus + "/eq/on", 1).Real(bus + "/eq/2/g", 3).Real(bus + "/dyn/on", 1).Real(bus + "/dyn/thr", -30)
             .Real(bus + "/mix/st", 1).Real(bus + "/mix/pan", b % 2 == 0 ? 50 : -50);
        }

        for (int s = 1; s <= config.FxSlots; s++) h.Real(ParameterPaths.Fx(s) + "/type", (s - 1) % 2);
        // Effect returns: EQ, pan, mono and sends to the buses (some before the EQ); the first pair unlinked.
        for (int r = 1; r <= config.FxReturns; r++)
        {
            string ret = ParameterPaths.FxReturn(r);
            h.Real(ret + "/eq/on", 1).Real(ret + "/eq/1/g", -4).Real(ret + "/eq/3/g", 3).Real(ret + "/eq/4/type", r % 6)
             .Real(ret + "/mix/pan", (r % 3 - 1) * 30).Real(ret + "/mix/mono", 1).Real(ret + "/mix/mlevel", -10).Real(ret + "/mix/fader", -2);
            for (int b = 1; b <= config.Buses; b++)
            {
                h.Real(ret + $"/mix/{b:00}/level", -9 - b);
                if (b % 2 == 1) h.Real(ret + $"/mix/{b:00}/type", (b + r) % 6);
            }
        }

        if (config.FxReturns >= 2) h.Real("/config/fxlink/1-2", 0);
        for (int m = 1; m <= config.Matrices; m++)
        {
            string mtx = ConsoleAddressSpace.MatrixPath(m), send = $"/mix/{m:00}";
            h.Real(mtx + "/eq/on", 1).Real(mtx + "/eq/5/g", 3).Real(mtx + "/dyn/on", 1).Real(mtx + "/dyn/thr", -30).Real(mtx + "/mix/fader", -2);
            for (int b = 1; b <= config.Buses; b++) h.Real(ParameterPaths.Bus(b) + send + "/level", -6 - b);
            h.Real("/main/st" + send + "/level", -6).Real("/main/m" + send + "/level", -12);
            if (m % 2 == 1) h.Real("/main/st" + send + "/type", 3).Real("/main/st" + send + "/pan", 40);
        }

        h.Real("/main/st/eq/on", 1).Real("/main/st/eq/3/g", 2).Real("/main/st/dyn/on", 1).Real("/main/st/dyn/thr", -20).Real("/main/st/mix/fader", -3);
        h.Real("/main/m/eq/on", 1).Real("/main/m/eq/6/g", 2).Real("/main/m/dyn/on", 1).Real("/main/m/dyn/thr", -25);
    }

    /// <summary>Deterministic programme: filtered noise with bursts and gaps, different on every channel.</summary>
    public static float[][] Programme(int channels, int frames, int seed = 7)
    {
        var random = new Random(seed);
        var result = new float[channels][];
        for (int c = 0; c < channels; c++)
        {
            var x = result[c] = new float[frames];
            float lp = 0;
            for (int i = 0; i < frames; i++)
            {
                lp += 0.2f * ((float)random.NextDouble() * 2 - 1 - lp);
                bool burst = ((i + c * 1111) / 4800) % 3 != 2;
                x[i] = burst ? 0.6f * lp : 0.002f * lp;
            }
        }

        return result;
    }
}
