using MixConsole.Engine.Parameters;

namespace MixConsole.Host.Workloads;

/// <summary>
/// A scene that switches on every block of every strip: the worst case <c>bench</c> measures, and every path
/// <c>serve</c> compiles before its audio thread starts.
/// </summary>
internal static class EveryStageScene
{
    public static void Apply(ParameterStore store)
    {
        var table = store.Table;
        var config = table.Config;
        void Real(string path, float value)
        {
            int i = table.IndexOf(path);
            if (!store.TrySetReal(i, table[i].Spec.SnapReal(value))) throw new InvalidOperationException($"every-stage scene: {path} = {value}");
        }

        for (int c = 1; c <= config.Channels; c++)
        {
            string ch = ParameterPaths.Channel(c);
            Real(ch + "/preamp/trim", -2);
            Real(ch + "/preamp/hpon", 1);
            Real(ch + "/preamp/hpf", 60 + c);
            Real(ch + "/preamp/hpslope", 2);
            Real(ch + "/delay/on", 1);
            Real(ch + "/delay/time", 1 + c * 0.5f);
            Real(ch + "/gate/on", 1);
            Real(ch + "/gate/thr", -60);
            Real(ch + "/gate/filter/on", 1);
            Real(ch + "/gate/filter/type", 1);
            Real(ch + "/gate/filter/f", 80);
            Real(ch + "/dyn/on", 1);
            Real(ch + "/dyn/thr", -24);
            Real(ch + "/dyn/ratio", 6); // 4:1
            Real(ch + "/dyn/filter/on", 1);
            Real(ch + "/dyn/filter/type", 1);
            Real(ch + "/dyn/filter/f", 100);
            Real(ch + "/dyn/det", c % 2);
            Real(ch + "/eq/on", 1);
            for (int band = 1; band <= 4; band++) Real($"{ch}/eq/{band}/g", band % 2 == 0 ? 3 : -2);
            Real(ch + "/mix/pan", (c % 5 - 2) * 40);
            Real(ch + "/mix/mono", 1);
            Real(ch + "/mix/mlevel", -6);
            for (int b = 1; b <= config.Buses; b++)
            {
                string send = ParameterPaths.Send(c, b);
                Real(send + "/level", -10);
                if (b % 2 == 1) Real(send + "/type", b % 6);
            }

            for (int s = 1; s <= config.FxSlots; s++) Real(ParameterPaths.FxSend(c, s) + "/level", -20);
        }

        for (int b = 1; b <= config.Buses; b++)
        {
            string bus = ParameterPaths.Bus(b);
            Real(bus + "/eq/on", 1);
            Real(bus + "/eq/2/g", 2);
            Real(bus + "/eq/3/g", -2);
            Real(bus + "/dyn/on", 1);
            Real(bus + "/dyn/thr", -20);
            Real(bus + "/mix/st", 1);
            Real(bus + "/mix/fader", -12);
        }

        for (int s = 1; s <= config.FxSlots; s++) Real(ParameterPaths.Fx(s) + "/type", (s - 1) % 2);
        // Effect return strips: EQ, mono and a send to every bus (a monitor reverb), the pairs linked as by default.
        for (int r = 1; r <= config.FxReturns; r++)
        {
            string ret = ParameterPaths.FxReturn(r);
            Real(ret + "/eq/on", 1);
            for (int band = 1; band <= 4; band++) Real($"{ret}/eq/{band}/g", band % 2 == 0 ? -3 : 2);
            Real(ret + "/mix/mono", 1);
            Real(ret + "/mix/mlevel", -10);
            for (int b = 1; b <= config.Buses; b++) Real($"{ret}/mix/{b:00}/level", -15);
        }

        Real(ParameterPaths.MainStereo + "/eq/on", 1);
        Real(ParameterPaths.MainStereo + "/eq/1/g", 1);
        Real(ParameterPaths.MainStereo + "/dyn/on", 1);
        Real(ParameterPaths.MainStereo + "/dyn/thr", -12);
        Real(ParameterPaths.MainStereo + "/mix/fader", -6);
    }
}
