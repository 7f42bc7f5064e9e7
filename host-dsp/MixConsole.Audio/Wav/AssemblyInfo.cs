using System.Runtime.CompilerServices;

// Tests exercise the RF64 switch with a small injected size limit instead of writing 4 GiB.
[assembly: InternalsVisibleTo("MixConsole.Audio.Tests")]
