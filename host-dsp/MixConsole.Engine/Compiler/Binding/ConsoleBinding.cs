using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Compiler.Binding;

/// <summary>
/// Every parameter the mixer follows, bound once at start-up by typed key (see <see cref="ParameterTable.Bind"/>),
/// with the map from a parameter's index to the strip key and aspect it drives. A table that lacks a parameter
/// the console's size calls for fails here, with a <see cref="ParameterBindingException"/> naming it.
/// </summary>
internal sealed class ConsoleBinding
{
    public ConsoleBinding(ParameterTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var config = table.Config;
        Keys = new KeyLayout(config);
        OwnerOf = new int[table.Count];
        AspectOf = new int[table.Count];
        Array.Fill(OwnerOf, -1);
        var keys = Keys;

        Channels = new StripBinding[config.MixStrips];
        for (int c = 0; c < config.MixStrips; c++)
        {
            int key = c;
            Channels[c] = c < config.Channels ? StripBinding.Channel(table, c + 1, (i, a) => Own(i, key, a))
                : c < config.InputStrips ? StripBinding.AuxInput(table, c - config.Channels + 1, (i, a) => Own(i, key, a))
                : StripBinding.FxReturn(table, c - config.InputStrips + 1, (i, a) => Own(i, key, a));
        }

        Buses = new StripBinding[config.Buses];
        for (int b = 0; b < config.Buses; b++)
        {
            int key = keys.Bus(b);
            Buses[b] = StripBinding.Bus(table, b + 1, (i, a) => Own(i, key, a));
        }

        Main = StripBinding.MainStereo(table, (i, a) => Own(i, keys.Main, a));
        Mono = StripBinding.MainMono(table, (i, a) => Own(i, keys.Mono, a));
        Effects = new EffectBinding[keys.EffectSlots];
        for (int s = 0; s < keys.EffectSlots; s++)
        {
            int fxKey = keys.Fx(s);
            Effects[s] = EffectBinding.Create(table, s + 1, i => Own(i, fxKey, StripAspect.Effect));
        }

        // Every insert point drives the one insert routing part: a selection anywhere can move a slot from another strip.
        Action<int> insert = i => Own(i, keys.Inserts, StripAspect.Effect);
        ChannelInserts = new InsertBinding[config.Channels];
        for (int c = 0; c < config.Channels; c++) ChannelInserts[c] = InsertBinding.Create(table, ParameterOwner.Channel, c + 1, insert);
        BusInserts = new InsertBinding[config.Buses];
        for (int b = 0; b < config.Buses; b++) BusInserts[b] = InsertBinding.Create(table, ParameterOwner.Bus, b + 1, insert);
        MatrixInserts = new InsertBinding[config.Matrices];
        for (int m = 0; m < config.Matrices; m++) MatrixInserts[m] = InsertBinding.Create(table, ParameterOwner.Matrix, m + 1, insert);
        MainInsert = InsertBinding.Create(table, ParameterOwner.MainStereo, 1, insert);
        MonoInsert = InsertBinding.Create(table, ParameterOwner.MainMono, 1, insert);

        Matrices = new MatrixBinding[config.Matrices];
        for (int m = 0; m < config.Matrices; m++)
        {
            int key = keys.Matrix(m);
            Matrices[m] = MatrixBinding.Create(table, m + 1, (i, a) => Own(i, key, a));
        }

        DcaOn = new ParameterHandle[config.Dcas];
        DcaFader = new ParameterHandle[config.Dcas];
        DcaSolo = new ParameterHandle[config.Dcas];
        for (int d = 0; d < config.Dcas; d++)
        {
            DcaOn[d] = Global(table, new ParameterKey(ParameterOwner.Dca, d + 1, ParameterRole.On));
            DcaFader[d] = Global(table, new ParameterKey(ParameterOwner.Dca, d + 1, ParameterRole.Fader));
            DcaSolo[d] = Global(table, new ParameterKey(ParameterOwner.Dca, d + 1, ParameterRole.Solo));
        }

        MuteGroupOn = new ParameterHandle[config.MuteGroups];
        for (int g = 0; g < config.MuteGroups; g++) MuteGroupOn[g] = Global(table, new ParameterKey(ParameterOwner.MuteGroup, g + 1, ParameterRole.On));
        SoloMode = Global(table, ParameterKey.Console(ParameterRole.SoloMode));
        SoloLevel = Global(table, ParameterKey.Console(ParameterRole.SoloLevel));
        MasterBypass = Global(table, new ParameterKey(ParameterOwner.Master, 1, ParameterRole.MasterBypass));
    }

    /// <summary>How strip keys are numbered.</summary>
    public KeyLayout Keys { get; }

    /// <summary>Strip key each parameter index drives (-1: none, e.g. names); <see cref="KeyLayout.Global"/> for console-wide ones.</summary>
    public int[] OwnerOf { get; }

    /// <summary>Aspect (<see cref="StripAspect"/>) each parameter index drives.</summary>
    public int[] AspectOf { get; }

    /// <summary>Channels, aux inputs, then effect returns (strip keys 0..).</summary>
    public StripBinding[] Channels { get; }

    public StripBinding[] Buses { get; }

    public StripBinding Main { get; }

    public StripBinding Mono { get; }

    public EffectBinding[] Effects { get; }

    /// <summary>The insert points of the channels (not the aux inputs: the X32 gives them none).</summary>
    public InsertBinding[] ChannelInserts { get; }

    public InsertBinding[] BusInserts { get; }

    public InsertBinding[] MatrixInserts { get; }

    public InsertBinding MainInsert { get; }

    public InsertBinding MonoInsert { get; }

    public MatrixBinding[] Matrices { get; }

    public ParameterHandle[] DcaOn { get; }

    public ParameterHandle[] DcaFader { get; }

    /// <summary>A DCA's solo switch: it solos the DCA's member strips.</summary>
    public ParameterHandle[] DcaSolo { get; }

    public ParameterHandle[] MuteGroupOn { get; }

    public ParameterHandle SoloMode { get; }

    public ParameterHandle SoloLevel { get; }

    public ParameterHandle MasterBypass { get; }

    private void Own(int index, int key, int aspect)
    {
        OwnerOf[index] = key;
        AspectOf[index] = aspect;
    }

    private ParameterHandle Global(ParameterTable table, ParameterKey key)
    {
        ParameterHandle handle = table.Bind(key);
        Own(handle.Index, Keys.Global, StripAspect.Mix);
        return handle;
    }
}
