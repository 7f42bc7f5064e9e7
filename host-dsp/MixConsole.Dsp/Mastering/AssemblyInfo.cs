using System.Runtime.CompilerServices;

// The mastering tests check internal building blocks (the limiter's half-band detector front end) directly.
[assembly: InternalsVisibleTo("MixConsole.Dsp.Tests")]
