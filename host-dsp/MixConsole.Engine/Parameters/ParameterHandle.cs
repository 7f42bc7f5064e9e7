namespace MixConsole.Engine.Parameters;

/// <summary>
/// A bound parameter: its index in the table and in every flat value array of a <see cref="ParameterStore"/>.
/// Only the table hands handles out (<see cref="ParameterTable.Bind"/>), so a handle always names a declared
/// parameter; <see cref="None"/> stands for a parameter the console's size says a strip does not have.
/// </summary>
public readonly struct ParameterHandle : IEquatable<ParameterHandle>
{
    private readonly int _indexPlusOne;

    internal ParameterHandle(int index) => _indexPlusOne = index + 1;

    /// <summary>No parameter (the default value).</summary>
    public static ParameterHandle None => default;

    /// <summary>Index into the table and the store's values; -1 for <see cref="None"/>.</summary>
    public int Index => _indexPlusOne - 1;

    /// <summary>False for <see cref="None"/>.</summary>
    public bool IsBound => _indexPlusOne != 0;

    /// <inheritdoc/>
    public bool Equals(ParameterHandle other) => _indexPlusOne == other._indexPlusOne;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ParameterHandle other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _indexPlusOne;

    /// <summary>Same parameter.</summary>
    public static bool operator ==(ParameterHandle left, ParameterHandle right) => left.Equals(right);

    /// <summary>Different parameters.</summary>
    public static bool operator !=(ParameterHandle left, ParameterHandle right) => !left.Equals(right);
}
