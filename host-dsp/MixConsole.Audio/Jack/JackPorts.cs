namespace MixConsole.Audio.Jack;

/// <summary>Lists the audio ports of a running JACK server.</summary>
public static class JackPorts
{
    /// <summary>Every audio port of the server, or null with a one-line reason when none is running.</summary>
    public static IReadOnlyList<string>? List(string? serverName, out string? error)
    {
        IntPtr client = LibJack.Open("mixconsole-devices", serverName, out error);
        if (client == IntPtr.Zero) return null;
        try
        {
            return LibJack.TakePortList(LibJack.jack_get_ports(client, null, LibJack.AudioType, 0));
        }
        finally
        {
            LibJack.Close(client);
        }
    }
}
