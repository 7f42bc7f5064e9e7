namespace MixConsole.Audio.Alsa;

/// <summary>One PCM name from snd_device_name_hint.</summary>
/// <param name="Name">What to pass as --device, e.g. "hw:CARD=PCH,DEV=0", "null".</param>
/// <param name="Description">alsa-lib's description (first line).</param>
/// <param name="Direction">"playback", "capture", or "both".</param>
public sealed record AlsaPcmName(string Name, string Description, string Direction);
