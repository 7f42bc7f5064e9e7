namespace MixConsole.Engine.Parameters;

/// <summary>
/// Code asked the table for a parameter it does not declare (<see cref="ParameterTable.Bind"/>): thrown at
/// start-up, naming the missing parameter, so it never becomes an index of -1 on the audio thread.
/// </summary>
public sealed class ParameterBindingException : Exception
{
    /// <summary>Creates the exception for <paramref name="key"/>.</summary>
    public ParameterBindingException(ParameterKey key)
        : base($"the parameter table declares no {key}: nothing can bind it (declare it in ConsoleAddressSpace)") => Key = key;

    /// <summary>Creates the exception with a message.</summary>
    public ParameterBindingException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ParameterBindingException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public ParameterBindingException()
    {
    }

    /// <summary>The key nothing is declared for.</summary>
    public ParameterKey Key { get; }
}
