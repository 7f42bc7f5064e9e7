using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Mixer.Binding;

/// <summary>Indices of one effect slot's parameters (/fx/N/...).</summary>
internal sealed class EffectParameters
{
    public int Type, PreDelay, Decay, Size, Damping, DelayMode, DelayTime, Tempo, Note, Feedback, LowCut, HighCut, PingPong;

    public static EffectParameters Create(ParameterTable table, string prefix, Action<int> mark)
    {
        int Find(string suffix)
        {
            int index = table.IndexOf(prefix + suffix);
            mark(index);
            return index;
        }

        return new EffectParameters
        {
            Type = Find("/type"),
            PreDelay = Find("/reverb/predelay"),
            Decay = Find("/reverb/decay"),
            Size = Find("/reverb/size"),
            Damping = Find("/reverb/damping"),
            DelayMode = Find("/delay/mode"),
            DelayTime = Find("/delay/time"),
            Tempo = Find("/delay/tempo"),
            Note = Find("/delay/note"),
            Feedback = Find("/delay/feedback"),
            LowCut = Find("/delay/lowcut"),
            HighCut = Find("/delay/highcut"),
            PingPong = Find("/delay/pingpong"),
        };
    }
}
