using MixConsole.Engine.Compiler;
using MixConsole.Engine.Configuration;
using MixConsole.Engine.Mixer.Strips;
using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Compiler.Binding;

/// <summary>
/// Handles of one strip's parameters, bound by typed key from the table (no path is spelled here);
/// <see cref="ParameterHandle.None"/> only where the console's size says the strip has no such parameter
/// (a link on an even channel, DCA membership on a console without DCAs). Anything else the table lacks
/// fails at construction with a <see cref="ParameterBindingException"/> naming it.
/// </summary>
internal sealed class StripBinding
{
    public ParameterHandle Link, Trim, Invert, HpOn, HpFrequency, HpSlope, DelayOn, DelayTime;
    public ParameterHandle GateOn, GateMode, GateThreshold, GateRange, GateAttack, GateHold, GateRelease, GateKeyOn, GateKeyType, GateKey;
    public ParameterHandle DynOn, DynDetector, DynThreshold, DynRatio, DynKnee, DynAttack, DynRelease;
    public ParameterHandle DynMakeup, DynMix, DynKeyOn, DynKeyType, DynKey, DynPosition, EqOn;
    public ParameterHandle[] EqType = [], EqFrequency = [], EqGain = [], EqQ = [];
    public ParameterHandle On, Fader, Pan, Stereo, Mono, MonoLevel, Dca, MuteGroups, Solo;
    public ParameterHandle[] SendOn = [], SendLevel = [], SendTap = [], FxLevel = [], FxTap = [];

    /// <summary>Input channel <paramref name="channel"/> (from 1); <paramref name="own"/> records what each parameter drives.</summary>
    public static StripBinding Channel(ParameterTable table, int channel, Action<int, int> own)
    {
        var config = table.Config;
        var b = new Binder(table, ParameterOwner.Channel, channel, own);
        var p = new StripBinding();
        if (channel % 2 == 1 && channel < config.Channels) p.Link = b.Bind(ParameterRole.Link, StripAspect.Link);
        p.Trim = b.Bind(ParameterRole.Trim, StripAspect.Input);
        p.Invert = b.Bind(ParameterRole.Invert, StripAspect.Input);
        p.DelayOn = b.Bind(ParameterRole.DelayOn, StripAspect.Input);
        p.DelayTime = b.Bind(ParameterRole.DelayTime, StripAspect.Input);
        p.HpOn = b.Bind(ParameterRole.HighPassOn, StripAspect.HighPass);
        p.HpFrequency = b.Bind(ParameterRole.HighPassFrequency, StripAspect.HighPass);
        p.HpSlope = b.Bind(ParameterRole.HighPassSlope, StripAspect.HighPass);
        p.GateOn = b.Bind(ParameterRole.GateOn, StripAspect.Gate);
        p.GateMode = b.Bind(ParameterRole.GateMode, StripAspect.Gate);
        p.GateThreshold = b.Bind(ParameterRole.GateThreshold, StripAspect.Gate);
        p.GateRange = b.Bind(ParameterRole.GateRange, StripAspect.Gate);
        p.GateAttack = b.Bind(ParameterRole.GateAttack, StripAspect.Gate);
        p.GateHold = b.Bind(ParameterRole.GateHold, StripAspect.Gate);
        p.GateRelease = b.Bind(ParameterRole.GateRelease, StripAspect.Gate);
        p.GateKeyOn = b.Bind(ParameterRole.GateKeyFilterOn, StripAspect.Gate);
        p.GateKeyType = b.Bind(ParameterRole.GateKeyFilterType, StripAspect.Gate);
        p.GateKey = b.Bind(ParameterRole.GateKeyFrequency, StripAspect.Gate);
        p.BindDynamicsAndEq(b, StripSection.ChannelEqBands);
        p.BindMix(b, config, withMono: true);
        p.BindSends(b, config);
        return p;
    }

    /// <summary>
    /// Aux input <paramref name="aux"/> (from 1): an input strip with the X32's trim, polarity, 4-band EQ, mix, sends
    /// and groups; no delay, high-pass, gate or compressor (the compiler leaves those parts of its strip off).
    /// </summary>
    public static StripBinding AuxInput(ParameterTable table, int aux, Action<int, int> own)
    {
        var b = new Binder(table, ParameterOwner.AuxInput, aux, own);
        var p = new StripBinding();
        p.Trim = b.Bind(ParameterRole.Trim, StripAspect.Input);
        p.Invert = b.Bind(ParameterRole.Invert, StripAspect.Input);
        p.BindEq(b, StripSection.ChannelEqBands);
        p.BindMix(b, table.Config, withMono: true);
        p.BindSends(b, table.Config);
        return p;
    }

    private void BindSends(Binder b, ConsoleConfig config, bool fxSends = true)
    {
        SendOn = new ParameterHandle[config.Buses];
        SendLevel = new ParameterHandle[config.Buses];
        SendTap = new ParameterHandle[config.Buses];
        for (int bus = 0; bus < config.Buses; bus++)
        {
            SendOn[bus] = b.Bind(ParameterRole.SendOn, StripAspect.Sends, bus + 1);
            SendLevel[bus] = b.Bind(ParameterRole.SendLevel, StripAspect.Sends, bus + 1);
            // As on the X32, the odd send of a bus pair holds the pair's tap (type).
            SendTap[bus] = b.Bind(ParameterRole.SendTap, StripAspect.Sends, (bus & ~1) + 1);
        }

        if (!fxSends) return;
        FxLevel = new ParameterHandle[config.FxSlots];
        FxTap = new ParameterHandle[config.FxSlots];
        for (int s = 0; s < config.FxSlots; s++)
        {
            FxLevel[s] = b.Bind(ParameterRole.FxSendLevel, StripAspect.Sends, s + 1);
            FxTap[s] = b.Bind(ParameterRole.FxSendTap, StripAspect.Sends, s + 1);
        }
    }

    /// <summary>Mix bus <paramref name="bus"/> (from 1).</summary>
    public static StripBinding Bus(ParameterTable table, int bus, Action<int, int> own)
    {
        var b = new Binder(table, ParameterOwner.Bus, bus, own);
        var p = new StripBinding();
        p.BindDynamicsAndEq(b, StripSection.EqBands);
        p.BindMix(b, table.Config, withMono: true);
        return p;
    }

    /// <summary>The main stereo bus.</summary>
    public static StripBinding MainStereo(ParameterTable table, Action<int, int> own)
    {
        var b = new Binder(table, ParameterOwner.MainStereo, 1, own);
        var p = Summing(b);
        p.Pan = b.Bind(ParameterRole.Pan, StripAspect.Mix);
        return p;
    }

    /// <summary>The mono bus: dynamics, 6-band EQ, on and fader.</summary>
    public static StripBinding MainMono(ParameterTable table, Action<int, int> own)
    {
        return Summing(new Binder(table, ParameterOwner.MainMono, 1, own));
    }

    /// <summary>Matrix <paramref name="matrix"/> (from 1): polarity, dynamics, 6-band EQ, on and fader.</summary>
    public static StripBinding Matrix(ParameterTable table, int matrix, Action<int, int> own)
    {
        var b = new Binder(table, ParameterOwner.Matrix, matrix, own);
        var p = Summing(b);
        p.Invert = b.Bind(ParameterRole.Invert, StripAspect.Mix);
        return p;
    }

    // A summing bus without sends of its own (main, mono, a matrix): dynamics, 6-band EQ, on and fader.
    private static StripBinding Summing(Binder b)
    {
        var p = new StripBinding();
        p.BindDynamicsAndEq(b, StripSection.EqBands);
        p.On = b.Bind(ParameterRole.On, StripAspect.Mix);
        p.Fader = b.Bind(ParameterRole.Fader, StripAspect.Mix);
        return p;
    }

    /// <summary>
    /// Effect return <paramref name="ret"/> (from 1; 1 and 2 are slot 1's left and right): the X32's 4-band EQ, mix,
    /// sends and groups, linked in pairs by /config/fxlink; no trim, polarity, delay, high-pass, gate, compressor or
    /// effect sends (the compiler leaves those parts of its strip off).
    /// </summary>
    public static StripBinding FxReturn(ParameterTable table, int ret, Action<int, int> own)
    {
        var config = table.Config;
        var b = new Binder(table, ParameterOwner.FxReturn, ret, own);
        var p = new StripBinding();
        if (ret % 2 == 1 && ret < config.FxReturns) p.Link = b.Bind(ParameterRole.Link, StripAspect.Link);
        p.BindEq(b, StripSection.ChannelEqBands);
        p.BindMix(b, config, withMono: true);
        p.BindSends(b, config, fxSends: false);
        return p;
    }

    private void BindDynamicsAndEq(Binder b, int eqBands)
    {
        DynOn = b.Bind(ParameterRole.DynamicsOn, StripAspect.Compressor);
        DynDetector = b.Bind(ParameterRole.DynamicsDetector, StripAspect.Compressor);
        DynThreshold = b.Bind(ParameterRole.DynamicsThreshold, StripAspect.Compressor);
        DynRatio = b.Bind(ParameterRole.DynamicsRatio, StripAspect.Compressor);
        DynKnee = b.Bind(ParameterRole.DynamicsKnee, StripAspect.Compressor);
        DynAttack = b.Bind(ParameterRole.DynamicsAttack, StripAspect.Compressor);
        DynRelease = b.Bind(ParameterRole.DynamicsRelease, StripAspect.Compressor);
        DynMakeup = b.Bind(ParameterRole.DynamicsMakeup, StripAspect.Compressor);
        DynMix = b.Bind(ParameterRole.DynamicsMix, StripAspect.Compressor);
        DynKeyOn = b.Bind(ParameterRole.DynamicsKeyFilterOn, StripAspect.Compressor);
        DynKeyType = b.Bind(ParameterRole.DynamicsKeyFilterType, StripAspect.Compressor);
        DynKey = b.Bind(ParameterRole.DynamicsKeyFrequency, StripAspect.Compressor);
        DynPosition = b.Bind(ParameterRole.DynamicsPosition, StripAspect.Compressor);
        BindEq(b, eqBands);
    }

    private void BindEq(Binder b, int eqBands)
    {
        EqOn = b.Bind(ParameterRole.EqOn, StripAspect.AllEqBands);
        EqType = new ParameterHandle[eqBands];
        EqFrequency = new ParameterHandle[eqBands];
        EqGain = new ParameterHandle[eqBands];
        EqQ = new ParameterHandle[eqBands];
        for (int band = 0; band < eqBands; band++)
        {
            EqType[band] = b.Bind(ParameterRole.EqType, StripAspect.EqBand(band), band + 1);
            EqFrequency[band] = b.Bind(ParameterRole.EqFrequency, StripAspect.EqBand(band), band + 1);
            EqGain[band] = b.Bind(ParameterRole.EqGain, StripAspect.EqBand(band), band + 1);
            EqQ[band] = b.Bind(ParameterRole.EqQ, StripAspect.EqBand(band), band + 1);
        }
    }

    private void BindMix(Binder b, ConsoleConfig config, bool withMono)
    {
        On = b.Bind(ParameterRole.On, StripAspect.Mix);
        Fader = b.Bind(ParameterRole.Fader, StripAspect.Mix);
        Pan = b.Bind(ParameterRole.Pan, StripAspect.Mix);
        Stereo = b.Bind(ParameterRole.ToMain, StripAspect.Mix);
        if (withMono)
        {
            Mono = b.Bind(ParameterRole.ToMono, StripAspect.Mix);
            MonoLevel = b.Bind(ParameterRole.MonoLevel, StripAspect.Mix);
        }

        if (config.Dcas > 0) Dca = b.Bind(ParameterRole.DcaMembership, StripAspect.Mix);
        if (config.MuteGroups > 0) MuteGroups = b.Bind(ParameterRole.MuteGroupMembership, StripAspect.Mix);
        Solo = b.Bind(ParameterRole.Solo, StripAspect.Mix);
    }

    /// <summary>Binds one owner's parameters and records what each one drives.</summary>
    private readonly struct Binder(ParameterTable table, ParameterOwner owner, int number, Action<int, int> own)
    {
        public ParameterHandle Bind(ParameterRole role, int aspect, int slot = 0)
        {
            ParameterHandle handle = table.Bind(new ParameterKey(owner, number, role, slot));
            own(handle.Index, aspect);
            return handle;
        }
    }
}
