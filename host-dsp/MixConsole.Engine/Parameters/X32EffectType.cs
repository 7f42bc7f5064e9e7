namespace MixConsole.Engine.Parameters;

/// <summary>
/// One X32 effect type (fw 4.06): its label, what this console runs it on, and its parameters in
/// <c>/fx/N/par/01..</c> order with the X32's ranges, units and labels. A par leaf holds the X32's float 0..1; the
/// type's spec turns it into a real value (<see cref="Real"/>) and back.
/// </summary>
public sealed class X32EffectType
{
    internal X32EffectType(string label, string name, EffectKernel kernel, ParameterSpec[] parameters, string defaults)
    {
        Label = label;
        Name = name;
        Kernel = kernel;
        Parameters = parameters;
        var normalized = new float[X32EffectTypes.ParameterCount];
        DefaultNormalized = normalized;
        string[] tokens = defaults.Length == 0 ? [] : defaults.Split(' ');
        if (tokens.Length != parameters.Length) throw new ArgumentException($"{label}: {tokens.Length} defaults for {parameters.Length} parameters");
        for (int k = 0; k < tokens.Length; k++)
        {
            if (!NodeLine.TryParseToken(parameters[k], tokens[k], out float real)) throw new ArgumentException($"{label}: default '{tokens[k]}' is not a value of parameter {k + 1}");
            normalized[k] = parameters[k].ToNormalized(real);
        }
    }

    /// <summary>The X32's label (<c>HALL</c>, <c>DLY</c>), what <c>/fx/N/type</c> and <c>/node ,s fx/N</c> answer.</summary>
    public string Label { get; }

    /// <summary>The X32's name for it ("Hall Reverb").</summary>
    public string Name { get; }

    /// <summary>What this console runs the type on; <see cref="EffectKernel.None"/> outputs silence.</summary>
    public EffectKernel Kernel { get; }

    /// <summary>Its parameters in par order (par/01 first); pars past these are stored and unused, as on the X32.</summary>
    public IReadOnlyList<ParameterSpec> Parameters { get; }

    /// <summary>The float 0..1 of each of the 64 pars when a slot takes this type (0 past its parameters).</summary>
    public IReadOnlyList<float> DefaultNormalized { get; }

    /// <summary>The real value (ms, s, Hz, a label's position) of par <paramref name="par"/> (from 1) at X32 float <paramref name="normalized"/>, on the type's grid.</summary>
    public float Real(int par, float normalized) => Parameters[par - 1].FromNormalized(Math.Clamp(normalized, 0f, 1f));
}
