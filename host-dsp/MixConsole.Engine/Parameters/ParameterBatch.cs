namespace MixConsole.Engine.Parameters;

/// <summary>
/// An open batch of parameter changes (see <see cref="ParameterStore.BeginBatch"/>); disposing it closes the
/// batch. A value type, so opening a batch allocates nothing.
/// </summary>
public readonly struct ParameterBatch : IDisposable
{
    private readonly ParameterStore? _store;

    internal ParameterBatch(ParameterStore store) => _store = store;

    /// <summary>Closes the batch: its changes become visible to batch-aware readers together.</summary>
    public void Dispose() => _store?.EndBatch();
}
