namespace MixConsole.Engine.Parameters;

/// <summary>What a parameter belongs to: a strip, a group, an effect slot, the master chain or the console itself.</summary>
public enum ParameterOwner : byte
{
    /// <summary>The console as a whole (its name, solo settings, the strip selection).</summary>
    Console,

    /// <summary>An input channel, numbered from 1.</summary>
    Channel,

    /// <summary>A mix bus, numbered from 1.</summary>
    Bus,

    /// <summary>An effect slot's effect settings, numbered from 1.</summary>
    FxSlot,

    /// <summary>An effect slot's return strip, numbered from 1.</summary>
    FxReturn,

    /// <summary>The main stereo bus.</summary>
    MainStereo,

    /// <summary>The mono (centre) bus.</summary>
    MainMono,

    /// <summary>A DCA group, numbered from 1.</summary>
    Dca,

    /// <summary>A mute group, numbered from 1.</summary>
    MuteGroup,

    /// <summary>The master (mastering) chain.</summary>
    Master,

    /// <summary>A matrix bus, numbered from 1.</summary>
    Matrix,

    /// <summary>An aux input strip, numbered from 1.</summary>
    AuxInput,
}
