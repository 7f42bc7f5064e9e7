using System.Runtime.CompilerServices;

// The offline renderer and bench are internal to the executable; their tests drive them directly.
[assembly: InternalsVisibleTo("MixConsole.Host.Tests")]
