namespace MixConsole.SurfaceSim.Scripting;

/// <summary>What a script line does.</summary>
public enum ActionKind
{
    /// <summary>Touch a fader, move it by hand to a position, release it.</summary>
    Fader,

    /// <summary>Turn a strip's pan encoder until the pan reaches a value.</summary>
    Pan,

    /// <summary>Turn an encoder by a number of detents.</summary>
    Encoder,

    /// <summary>Press and release a button.</summary>
    Press,

    /// <summary>Step or jump banks with the bank buttons.</summary>
    Bank,

    /// <summary>Press a layer button.</summary>
    Layer,

    /// <summary>Put a hand on a fader knob.</summary>
    Touch,

    /// <summary>Take the hand off a fader knob.</summary>
    Release,

    /// <summary>Let the surface run.</summary>
    Wait,

    /// <summary>Print a line (scripts use it to tell a driving program where they are).</summary>
    Print,

    /// <summary>Check a motor fader's physical position.</summary>
    ExpectFader,

    /// <summary>Check the value an encoder controls (pan on the fader desk).</summary>
    ExpectEncoder,

    /// <summary>Check an LED (mute, solo, select, link, A/B, bypass).</summary>
    ExpectLed,

    /// <summary>Check the bank shown.</summary>
    ExpectBank,

    /// <summary>Check the link state.</summary>
    ExpectLink,

    /// <summary>Check a display line.</summary>
    ExpectDisplay,

    /// <summary>An encoder's LED ring shows a value (0..1), in that encoder's shape (from the centre or filled).</summary>
    ExpectRing,

    /// <summary>The fader desk shows exactly N strips with something on them (the console's size).</summary>
    ExpectStrips,
}
