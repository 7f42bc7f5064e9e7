using MixConsole.Control.Osc;
using MixConsole.Engine.Parameters;

namespace MixConsole.Control.Server;

/// <summary>Writes a parameter's current value as the OSC message a query answer or an echo carries.</summary>
internal static class ParameterMessage
{
    /// <summary>
    /// "path ,f normalised" for floats, "path ,i value" for enums, switches and ints, "path ,s text" for names.
    /// False when it does not fit.
    /// </summary>
    public static bool TryWrite(ParameterStore store, int index, ReadOnlySpan<byte> path, Span<byte> destination, out int length)
    {
        var writer = new OscWriter(destination);
        switch (store.Table[index].Spec.WireTypeTag)
        {
            case 'f':
                writer.BeginMessage(path, "f"u8);
                writer.WriteFloat32(store.GetNormalized(index));
                break;
            case 's':
                writer.BeginMessage(path, "s"u8);
                writer.WriteString(store.GetText(index).AsSpan());
                break;
            default:
                writer.BeginMessage(path, "i"u8);
                writer.WriteInt32((int)store.GetReal(index));
                break;
        }

        return writer.TryComplete(out length);
    }
}
