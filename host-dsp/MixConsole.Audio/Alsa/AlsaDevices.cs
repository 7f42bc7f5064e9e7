using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace MixConsole.Audio.Alsa;

/// <summary>What ALSA devices exist: cards from /proc/asound/cards, PCM names from snd_device_name_hint.</summary>
public static partial class AlsaDevices
{
    /// <summary>Where the kernel lists its sound cards.</summary>
    public const string ProcAsound = "/proc/asound";

    /// <summary>The sound cards present (empty when there are none or ALSA is absent).</summary>
    public static IReadOnlyList<AlsaCard> Cards() => Cards(ProcAsound);

    /// <summary>The sound cards listed in <paramref name="procAsound"/>/cards.</summary>
    public static IReadOnlyList<AlsaCard> Cards(string procAsound)
    {
        string path = Path.Combine(procAsound, "cards");
        try
        {
            return File.Exists(path) ? ParseProcCards(File.ReadAllText(path)) : [];
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>
    /// Whether card <paramref name="cardId"/> exists and has a playback (pcm0p) and a capture (pcm0c) side on
    /// device 0, read from the kernel's files (/proc/asound/ID links to cardN).
    /// </summary>
    public static (bool Present, bool Playback, bool Capture) CardStreams(string cardId, string procAsound = ProcAsound)
    {
        ArgumentNullException.ThrowIfNull(cardId);
        string card = Path.Combine(procAsound, cardId);
        if (!Directory.Exists(card)) return (false, false, false);
        return (true, Directory.Exists(Path.Combine(card, "pcm0p")), Directory.Exists(Path.Combine(card, "pcm0c")));
    }

    /// <summary>The cards in <paramref name="procAsound"/>, in one phrase.</summary>
    public static string DescribeCards(string procAsound = ProcAsound)
    {
        var cards = Cards(procAsound);
        return cards.Count == 0 ? "no sound cards (/proc/asound/cards lists none)" : "cards: " + string.Join(", ", cards.Select(c => $"{c.HwName} ({c.Name})"));
    }

    /// <summary>Parses the text of /proc/asound/cards.</summary>
    public static IReadOnlyList<AlsaCard> ParseProcCards(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cards = new List<AlsaCard>();
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var m = CardLine().Match(lines[i]);
            if (!m.Success) continue;
            string driverAndName = m.Groups[3].Value.Trim();
            int dash = driverAndName.IndexOf(" - ", StringComparison.Ordinal);
            string driver = dash >= 0 ? driverAndName[..dash].Trim() : driverAndName;
            string name = dash >= 0 ? driverAndName[(dash + 3)..].Trim() : driverAndName;
            string longName = i + 1 < lines.Length && !CardLine().IsMatch(lines[i + 1]) ? lines[i + 1].Trim() : name;
            cards.Add(new AlsaCard(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value.Trim(), driver, name, longName));
        }
        return cards;
    }

    /// <summary>Every PCM name alsa-lib knows (plugins such as null and default, and each card's hw, plughw, ...).</summary>
    public static IReadOnlyList<AlsaPcmName> Pcms()
    {
        var result = new List<AlsaPcmName>();
        try
        {
            if (LibAsound.snd_device_name_hint(-1, "pcm", out IntPtr hints) < 0) return result;
            try
            {
                for (int i = 0; ; i++)
                {
                    IntPtr hint = Marshal.ReadIntPtr(hints, i * IntPtr.Size);
                    if (hint == IntPtr.Zero) break;
                    string? name = TakeHint(hint, "NAME");
                    if (name is null) continue;
                    string description = (TakeHint(hint, "DESC") ?? "").Split('\n')[0].Trim();
                    string direction = TakeHint(hint, "IOID") switch { "Input" => "capture", "Output" => "playback", _ => "both" };
                    result.Add(new AlsaPcmName(name, description, direction));
                }
            }
            finally
            {
                LibAsound.snd_device_name_free_hint(hints);
            }
        }
        catch (DllNotFoundException)
        {
            // No libasound: no PCMs to list.
        }
        return result;
    }

    /// <summary>One line naming what exists, for an error about a device that does not.</summary>
    public static string DescribeAvailable()
    {
        string cardText = DescribeCards();
        var pcms = Pcms().Select(p => p.Name).Where(n => !n.Contains(':', StringComparison.Ordinal) || n.StartsWith("hw:", StringComparison.Ordinal)).Take(12).ToList();
        return pcms.Count == 0 ? cardText : $"{cardText}; PCMs: {string.Join(", ", pcms)} (mixconsole devices lists all)";
    }

    /// <summary>The first USB audio card, for profiles that say "the USB interface".</summary>
    public static AlsaCard? FirstUsbCard() => Cards().FirstOrDefault(c => c.IsUsb);

    private static string? TakeHint(IntPtr hint, string id)
    {
        IntPtr p = LibAsound.snd_device_name_get_hint(hint, id);
        if (p == IntPtr.Zero) return null;
        try
        {
            return Marshal.PtrToStringUTF8(p);
        }
        finally
        {
            // The hint strings are malloc'd; NativeMemory.Free is libc's free.
            unsafe { NativeMemory.Free((void*)p); }
        }
    }

    [GeneratedRegex(@"^\s*(\d+)\s+\[([^\]]+)\]:\s*(.*)$")]
    private static partial Regex CardLine();
}
