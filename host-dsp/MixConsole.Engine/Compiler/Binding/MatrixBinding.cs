using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Compiler.Binding;

/// <summary>
/// One matrix bus's parameters: its strip (polarity, dynamics, EQ, on, fader) and the sends that feed it from every
/// bus, main and mono, bound by typed key. A pair's tap and main's pan sit on the pair's odd send (as on the X32),
/// so the odd matrix owns them; the compiler re-derives the even one's sends with it.
/// </summary>
internal sealed class MatrixBinding
{
    public required StripBinding Strip;

    /// <summary>Per source (buses, then main, then mono): the send's switch, level and the pair's tap (type).</summary>
    public required ParameterHandle[] SendOn, SendLevel, SendTap;

    /// <summary>Main's balance into the pair.</summary>
    public ParameterHandle MainPan;

    /// <summary>Matrix <paramref name="matrix"/> (from 1) of <paramref name="table"/>; <paramref name="own"/> records what each parameter drives.</summary>
    public static MatrixBinding Create(ParameterTable table, int matrix, Action<int, int> own)
    {
        int buses = table.Config.Buses, sources = buses + 2;
        int pair = ((matrix - 1) & ~1) + 1;
        ParameterHandle Bind(ParameterKey key, bool owned)
        {
            ParameterHandle handle = table.Bind(key);
            if (owned) own(handle.Index, StripAspect.Sends);
            return handle;
        }

        var p = new MatrixBinding
        {
            Strip = StripBinding.Matrix(table, matrix, own),
            SendOn = new ParameterHandle[sources],
            SendLevel = new ParameterHandle[sources],
            SendTap = new ParameterHandle[sources],
            MainPan = Bind(new ParameterKey(ParameterOwner.MainStereo, 1, ParameterRole.Pan, pair), owned: pair == matrix),
        };
        for (int s = 0; s < sources; s++)
        {
            (ParameterOwner owner, int number) = s < buses ? (ParameterOwner.Bus, s + 1)
                : s == buses ? (ParameterOwner.MainStereo, 1) : (ParameterOwner.MainMono, 1);
            p.SendOn[s] = Bind(new ParameterKey(owner, number, ParameterRole.SendOn, matrix), owned: true);
            p.SendLevel[s] = Bind(new ParameterKey(owner, number, ParameterRole.SendLevel, matrix), owned: true);
            p.SendTap[s] = Bind(new ParameterKey(owner, number, ParameterRole.SendTap, pair), owned: pair == matrix);
        }

        return p;
    }
}
