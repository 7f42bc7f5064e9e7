using MixConsole.Control.Osc;
using MixConsole.Engine.Parameters;

namespace MixConsole.Control.Server;

/// <summary>
/// The X32's <c>/-action/clearsolo ,i 1</c> (the CLEAR SOLO key; an argument of 0 does nothing, none is taken as 1):
/// every solo switch <c>/-stat/solosw/NN</c> goes off in one batch, and the store's echo tells every subscriber,
/// the sender too. There is no answer, as on the X32.
/// </summary>
public sealed class ClearSoloCommand : IOscCommandHandler
{
    private readonly ParameterStore _store;
    private readonly int[] _switches;

    /// <summary>Clears the solo switches of <paramref name="store"/>.</summary>
    public ClearSoloCommand(ParameterStore store)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        var switches = new List<int>();
        for (int i = 0; i < store.Table.Count; i++)
        {
            if (store.Table[i].Path.StartsWith(StripSelection.SoloSwitchPrefix, StringComparison.Ordinal)) switches.Add(i);
        }

        _switches = [.. switches];
    }

    /// <inheritdoc/>
    public bool TryHandle(in OscMessage message, Span<byte> reply, out int replyLength)
    {
        replyLength = 0;
        if (!message.AddressEquals("/-action/clearsolo"u8)) return false;
        if (message.ArgumentCount > 0 && message.TryGetNumber(0, out double press) && press == 0) return true;
        using (_store.BeginBatch())
        {
            foreach (int index in _switches) _store.TrySetInt(index, 0);
        }

        return true;
    }
}
