using MixConsole.Engine.Parameters;

namespace MixConsole.Engine.Compiler.Binding;

/// <summary>Handles of one strip's insert point (<c>insert/on|pos|sel</c>), bound by typed key (a missing one fails at construction, named).</summary>
internal sealed class InsertBinding
{
    public ParameterHandle On, Position, Select;

    /// <summary>The insert point of <paramref name="owner"/> <paramref name="number"/>; <paramref name="own"/> is told each parameter's index.</summary>
    public static InsertBinding Create(ParameterTable table, ParameterOwner owner, int number, Action<int> own)
    {
        ParameterHandle Bind(ParameterRole role)
        {
            ParameterHandle handle = table.Bind(new ParameterKey(owner, number, role));
            own(handle.Index);
            return handle;
        }

        return new InsertBinding { On = Bind(ParameterRole.InsertOn), Position = Bind(ParameterRole.InsertPosition), Select = Bind(ParameterRole.InsertSelect) };
    }
}
