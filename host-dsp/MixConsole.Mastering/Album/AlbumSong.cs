using MixConsole.Mastering.Pipeline;

namespace MixConsole.Mastering.Album;

/// <summary>One song of an album master.</summary>
/// <param name="InputPath">The song's mix.</param>
/// <param name="InputLufs">Integrated loudness of the mix, LUFS.</param>
/// <param name="TargetLufs">Its loudness in the album: the mix's loudness plus the album gain, LUFS.</param>
/// <param name="Outcome">The master written.</param>
public sealed record AlbumSong(string InputPath, double InputLufs, double TargetLufs, MasterOutcome Outcome);
