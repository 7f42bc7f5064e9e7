using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Mixer.Binding;

/// <summary>Indices into the parameter store of one strip's parameters; -1 where the strip has no such parameter.</summary>
internal sealed class StripParameters
{
    public int Link = -1, Trim = -1, Invert = -1, HpOn = -1, HpFrequency = -1, HpSlope = -1, DelayOn = -1, DelayTime = -1;
    public int GateOn = -1, GateMode = -1, GateThreshold = -1, GateRange = -1, GateAttack = -1, GateHold = -1, GateRelease = -1, GateKey = -1;
    public int DynOn = -1, DynDetector = -1, DynThreshold = -1, DynRatio = -1, DynKnee = -1, DynAttack = -1, DynRelease = -1;
    public int DynMakeup = -1, DynMix = -1, DynHighPass = -1, DynPosition = -1, EqOn = -1;
    public readonly int[] EqType = [-1, -1, -1, -1], EqFrequency = [-1, -1, -1, -1], EqGain = [-1, -1, -1, -1], EqQ = [-1, -1, -1, -1];
    public int On = -1, Fader = -1, Pan = -1, Stereo = -1, Mono = -1, MonoLevel = -1, Dca = -1, MuteGroups = -1, Solo = -1;
    public int[] SendLevel = [], SendTap = [], FxLevel = [], FxTap = [];

    /// <summary>Finds every parameter under <paramref name="prefix"/> (e.g. "/ch/01"); <paramref name="aspectOf"/> records what each one drives.</summary>
    public static StripParameters Create(ParameterTable table, string prefix, int buses, int fxSlots, Action<int, int> aspectOf)
    {
        var p = new StripParameters();
        int Find(string suffix, int aspect)
        {
            if (!table.TryGetIndex(prefix + suffix, out int index)) return -1;
            aspectOf(index, aspect);
            return index;
        }

        p.Link = Find("/config/link", StripAspect.Link);
        p.Trim = Find("/preamp/trim", StripAspect.Input);
        p.Invert = Find("/preamp/invert", StripAspect.Input);
        p.DelayOn = Find("/delay/on", StripAspect.Input);
        p.DelayTime = Find("/delay/time", StripAspect.Input);
        p.HpOn = Find("/preamp/hpon", StripAspect.HighPass);
        p.HpFrequency = Find("/preamp/hpf", StripAspect.HighPass);
        p.HpSlope = Find("/preamp/hpslope", StripAspect.HighPass);
        p.GateOn = Find("/gate/on", StripAspect.Gate);
        p.GateMode = Find("/gate/mode", StripAspect.Gate);
        p.GateThreshold = Find("/gate/thr", StripAspect.Gate);
        p.GateRange = Find("/gate/range", StripAspect.Gate);
        p.GateAttack = Find("/gate/attack", StripAspect.Gate);
        p.GateHold = Find("/gate/hold", StripAspect.Gate);
        p.GateRelease = Find("/gate/release", StripAspect.Gate);
        p.GateKey = Find("/gate/keyf", StripAspect.Gate);
        p.DynOn = Find("/dyn/on", StripAspect.Compressor);
        p.DynDetector = Find("/dyn/det", StripAspect.Compressor);
        p.DynThreshold = Find("/dyn/thr", StripAspect.Compressor);
        p.DynRatio = Find("/dyn/ratio", StripAspect.Compressor);
        p.DynKnee = Find("/dyn/knee", StripAspect.Compressor);
        p.DynAttack = Find("/dyn/attack", StripAspect.Compressor);
        p.DynRelease = Find("/dyn/release", StripAspect.Compressor);
        p.DynMakeup = Find("/dyn/mgain", StripAspect.Compressor);
        p.DynMix = Find("/dyn/mix", StripAspect.Compressor);
        p.DynHighPass = Find("/dyn/hpf", StripAspect.Compressor);
        p.DynPosition = Find("/dyn/pos", StripAspect.Compressor);
        p.EqOn = Find("/eq/on", StripAspect.AllEqBands);
        for (int band = 0; band < 4; band++)
        {
            string b = "/eq/" + (band + 1);
            p.EqType[band] = Find(b + "/type", StripAspect.EqBand0 + band);
            p.EqFrequency[band] = Find(b + "/f", StripAspect.EqBand0 + band);
            p.EqGain[band] = Find(b + "/g", StripAspect.EqBand0 + band);
            p.EqQ[band] = Find(b + "/q", StripAspect.EqBand0 + band);
        }

        p.On = Find("/mix/on", StripAspect.Mix);
        p.Fader = Find("/mix/fader", StripAspect.Mix);
        p.Pan = Find("/mix/pan", StripAspect.Mix);
        p.Stereo = Find("/mix/st", StripAspect.Mix);
        p.Mono = Find("/mix/mono", StripAspect.Mix);
        p.MonoLevel = Find("/mix/mlevel", StripAspect.Mix);
        p.Dca = Find("/grp/dca", StripAspect.Mix);
        p.MuteGroups = Find("/grp/mute", StripAspect.Mix);
        p.Solo = Find("/solo", StripAspect.Mix);
        if (table.TryGetIndex(prefix + "/mix/01/level", out _))
        {
            p.SendLevel = new int[buses];
            p.SendTap = new int[buses];
            for (int b = 0; b < buses; b++)
            {
                string s = "/mix/" + (b + 1).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
                p.SendLevel[b] = Find(s + "/level", StripAspect.Mix);
                p.SendTap[b] = Find(s + "/tap", StripAspect.Mix);
            }
        }

        if (table.TryGetIndex(prefix + "/mix/fx/1/level", out _))
        {
            p.FxLevel = new int[fxSlots];
            p.FxTap = new int[fxSlots];
            for (int s = 0; s < fxSlots; s++)
            {
                string f = "/mix/fx/" + (s + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                p.FxLevel[s] = Find(f + "/level", StripAspect.Mix);
                p.FxTap[s] = Find(f + "/tap", StripAspect.Mix);
            }
        }

        return p;
    }
}
