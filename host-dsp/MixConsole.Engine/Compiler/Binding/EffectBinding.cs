using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Compiler.Binding;

/// <summary>Handles of one effect slot's parameters, bound by typed key from the table (a missing one fails at construction, named).</summary>
internal sealed class EffectBinding
{
    /// <summary>The slot's X32 type and its 64 pars (index 0 = par/01).</summary>
    public ParameterHandle Type;

    public readonly ParameterHandle[] Pars = new ParameterHandle[X32EffectTypes.ParameterCount];

    /// <summary>The slot's number (from 1): it picks the X32's type list.</summary>
    public int Slot { get; private init; }

    /// <summary>Effect slot <paramref name="slot"/> (from 1); <paramref name="own"/> is told each parameter's index.</summary>
    public static EffectBinding Create(ParameterTable table, int slot, Action<int> own)
    {
        ParameterHandle Bind(ParameterRole role, int par = 0)
        {
            ParameterHandle handle = table.Bind(new ParameterKey(ParameterOwner.FxSlot, slot, role, par));
            own(handle.Index);
            return handle;
        }

        var binding = new EffectBinding { Slot = slot, Type = Bind(ParameterRole.EffectType) };
        for (int par = 1; par <= X32EffectTypes.ParameterCount; par++) binding.Pars[par - 1] = Bind(ParameterRole.EffectParameter, par);
        return binding;
    }
}
