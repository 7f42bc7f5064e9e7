using System.Runtime.InteropServices;

namespace MixConsole.Audio.Tests.Alsa;

/// <summary>
/// An 8-slot TDM capture whose every sample names its slot: slot s holds (s + 1) in the top byte and the frame number
/// below it (exact through float), empty slots hold zero; a rotation r puts slot s's data in slot (s + r) mod 8, as a
/// codec whose frame slipped would.
/// </summary>
internal static class SlotMarkers
{
    public const int Slots = 8;

    public static int Sample(long frame, int slot) => ((slot + 1) << 24) | (int)((frame & 0xFFFF) << 8);

    /// <summary>The slot whose marker <paramref name="sample"/> carries (-1 for zero).</summary>
    public static int SlotOf(int sample) => sample == 0 ? -1 : (sample >>> 24) - 1;

    /// <summary>Writes <paramref name="frames"/> frames; from <paramref name="rotateFrom"/> on, rotated by <paramref name="rotation"/>.</summary>
    public static void Write(string path, long frames, int rotation, int[] emptySlots, long rotateFrom = 0)
    {
        var words = new int[frames * Slots];
        for (long f = 0; f < frames; f++)
        {
            int r = f >= rotateFrom ? rotation : 0;
            for (int s = 0; s < Slots; s++)
                words[f * Slots + (s + r) % Slots] = emptySlots.Contains(s) ? 0 : Sample(f, s);
        }
        File.WriteAllBytes(path, MemoryMarshal.AsBytes(words.AsSpan()).ToArray());
    }
}
