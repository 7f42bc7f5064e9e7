namespace MixConsole.Host.Serve;

/// <summary>
/// Prepares the console for periods of up to <paramref name="maxFrames"/> frames when the audio server changes its
/// period while running (JACK's buffer size). Called off the audio thread while no block runs; may allocate.
/// False keeps the old maximum (the backend then hands longer periods over in pieces).
/// </summary>
internal delegate bool PeriodChangeHandler(int maxFrames);
