using MixConsole.Control.Osc;
using MixConsole.Control.Server;

namespace MixConsole.Host.Serve;

/// <summary>
/// Recording the master over OSC: <c>/master/record ,i 1</c> starts, <c>,i 0</c> stops, no argument asks. Each
/// answers <c>/master/record ,is</c>: 1 while recording, and the recording's path on the box ("" before the first).
/// </summary>
internal sealed class MasterRecordCommands(MasterRecorder recorder) : IOscCommandHandler
{
    private readonly MasterRecorder _recorder = recorder ?? throw new ArgumentNullException(nameof(recorder));

    /// <inheritdoc/>
    public bool TryHandle(in OscMessage message, Span<byte> reply, out int replyLength)
    {
        replyLength = 0;
        if (!message.AddressEquals("/master/record"u8)) return false;
        if (message.ArgumentCount > 0)
        {
            if (!message.TryGetNumber(0, out double on)) return false;
            if (on >= 0.5) _recorder.Start();
            else _recorder.Stop();
        }

        var writer = new OscWriter(reply);
        writer.BeginMessage("/master/record"u8, "is"u8);
        writer.WriteInt32(_recorder.IsRecording ? 1 : 0);
        writer.WriteString((_recorder.Path ?? "").AsSpan());
        return writer.TryComplete(out replyLength);
    }
}
