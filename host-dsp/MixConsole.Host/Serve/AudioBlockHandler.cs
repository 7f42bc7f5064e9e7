using MixConsole.Dsp.Core;

namespace MixConsole.Host.Serve;

/// <summary>Processes one block on the audio thread: reads <paramref name="input"/>, fills <paramref name="output"/>.</summary>
internal delegate void AudioBlockHandler(AudioBuffer input, AudioBuffer output, int frames);
