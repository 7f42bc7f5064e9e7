using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Compiler.Binding;

/// <summary>Handles of one effect slot's parameters, bound by typed key from the table (a missing one fails at construction, named).</summary>
internal sealed class EffectBinding
{
    public ParameterHandle Type, PreDelay, Decay, Size, Damping, DelayMode, DelayTime, Tempo, Note, Feedback, LowCut, HighCut, PingPong;

    /// <summary>Effect slot <paramref name="slot"/> (from 1); <paramref name="own"/> is told each parameter's index.</summary>
    public static EffectBinding Create(ParameterTable table, int slot, Action<int> own)
    {
        ParameterHandle Bind(ParameterRole role)
        {
            ParameterHandle handle = table.Bind(new ParameterKey(ParameterOwner.FxSlot, slot, role));
            own(handle.Index);
            return handle;
        }

        return new EffectBinding
        {
            Type = Bind(ParameterRole.EffectType),
            PreDelay = Bind(ParameterRole.ReverbPreDelay),
            Decay = Bind(ParameterRole.ReverbDecay),
            Size = Bind(ParameterRole.ReverbSize),
            Damping = Bind(ParameterRole.ReverbDamping),
            DelayMode = Bind(ParameterRole.EchoMode),
            DelayTime = Bind(ParameterRole.EchoTime),
            Tempo = Bind(ParameterRole.EchoTempo),
            Note = Bind(ParameterRole.EchoNote),
            Feedback = Bind(ParameterRole.EchoFeedback),
            LowCut = Bind(ParameterRole.EchoLowCut),
            HighCut = Bind(ParameterRole.EchoHighCut),
            PingPong = Bind(ParameterRole.EchoPingPong),
        };
    }
}
