namespace MixConsole.Engine.Parameters;

/// <summary>
/// What a parameter does for its owner: the typed name code binds by (<see cref="ParameterKey"/>), so no code
/// but the table's declarations spells a path. Roles that repeat per band, bus or slot take the number as
/// <see cref="ParameterKey.Slot"/>.
/// </summary>
public enum ParameterRole : byte
{
    /// <summary>Not bound by any code (a table built without keys).</summary>
    None,

    /// <summary>Display name of a strip, group or the console.</summary>
    Name,

    /// <summary>The selected strip, shared by controllers (console state).</summary>
    Selection,

    /// <summary>Solo taps before the fader (PFL) or after fader and pan (AFL).</summary>
    SoloMode,

    /// <summary>Solo bus level.</summary>
    SoloLevel,

    /// <summary>Stereo link of an odd channel with the next one.</summary>
    Link,

    /// <summary>Input trim.</summary>
    Trim,

    /// <summary>Polarity invert.</summary>
    Invert,

    /// <summary>High-pass filter on.</summary>
    HighPassOn,

    /// <summary>High-pass corner frequency.</summary>
    HighPassFrequency,

    /// <summary>High-pass slope.</summary>
    HighPassSlope,

    /// <summary>Input delay on.</summary>
    DelayOn,

    /// <summary>Input delay time.</summary>
    DelayTime,

    /// <summary>Gate on.</summary>
    GateOn,

    /// <summary>Gate or expander mode.</summary>
    GateMode,

    /// <summary>Gate threshold.</summary>
    GateThreshold,

    /// <summary>Gate range.</summary>
    GateRange,

    /// <summary>Gate attack.</summary>
    GateAttack,

    /// <summary>Gate hold.</summary>
    GateHold,

    /// <summary>Gate release.</summary>
    GateRelease,

    /// <summary>Gate key filter frequency.</summary>
    GateKeyFrequency,

    /// <summary>Gate key filter on.</summary>
    GateKeyFilterOn,

    /// <summary>Gate key filter type (low cut, high cut, band-pass).</summary>
    GateKeyFilterType,

    /// <summary>Compressor on.</summary>
    DynamicsOn,

    /// <summary>Compressor detector (peak or RMS).</summary>
    DynamicsDetector,

    /// <summary>Compressor threshold.</summary>
    DynamicsThreshold,

    /// <summary>Compressor ratio.</summary>
    DynamicsRatio,

    /// <summary>Compressor knee.</summary>
    DynamicsKnee,

    /// <summary>Compressor attack.</summary>
    DynamicsAttack,

    /// <summary>Compressor release.</summary>
    DynamicsRelease,

    /// <summary>Compressor make-up gain.</summary>
    DynamicsMakeup,

    /// <summary>Compressor wet/dry mix.</summary>
    DynamicsMix,

    /// <summary>Compressor key filter frequency.</summary>
    DynamicsKeyFrequency,

    /// <summary>Compressor key filter on.</summary>
    DynamicsKeyFilterOn,

    /// <summary>Compressor key filter type (low cut, high cut, band-pass).</summary>
    DynamicsKeyFilterType,

    /// <summary>Compressor before or after the EQ.</summary>
    DynamicsPosition,

    /// <summary>EQ on.</summary>
    EqOn,

    /// <summary>EQ band type (slot: band 1..4).</summary>
    EqType,

    /// <summary>EQ band frequency (slot: band 1..4).</summary>
    EqFrequency,

    /// <summary>EQ band gain (slot: band 1..4).</summary>
    EqGain,

    /// <summary>EQ band Q (slot: band 1..4).</summary>
    EqQ,

    /// <summary>Mute switch (1 = on = unmuted), a DCA's switch, a mute group's engagement.</summary>
    On,

    /// <summary>Fader level (of a strip or a DCA).</summary>
    Fader,

    /// <summary>Pan or balance.</summary>
    Pan,

    /// <summary>Feeds the main stereo bus.</summary>
    ToMain,

    /// <summary>Feeds the mono bus.</summary>
    ToMono,

    /// <summary>Level into the mono bus.</summary>
    MonoLevel,

    /// <summary>DCA membership bitmap.</summary>
    DcaMembership,

    /// <summary>Mute group membership bitmap.</summary>
    MuteGroupMembership,

    /// <summary>Solo switch.</summary>
    Solo,

    /// <summary>Send level to a mix bus (slot: bus 1..).</summary>
    SendLevel,

    /// <summary>Send tap to a mix bus, the X32's type on the odd send of a bus pair (slot: the pair's odd bus).</summary>
    SendTap,

    /// <summary>Send switch to a mix bus (slot: bus 1..).</summary>
    SendOn,

    /// <summary>Send level to an effect slot (slot: effect slot 1..).</summary>
    FxSendLevel,

    /// <summary>Send tap to an effect slot (slot: effect slot 1..).</summary>
    FxSendTap,

    /// <summary>Effect in the slot.</summary>
    EffectType,

    /// <summary>An effect slot's X32 par (slot: par 1..64), scaled by the slot's type.</summary>
    EffectParameter,

    /// <summary>Master chain input gain.</summary>
    MasterInputGain,

    /// <summary>Master tilt EQ.</summary>
    MasterTilt,

    /// <summary>Master low shelf gain.</summary>
    MasterLowShelfGain,

    /// <summary>Master low shelf frequency.</summary>
    MasterLowShelfFrequency,

    /// <summary>Master high shelf gain.</summary>
    MasterHighShelfGain,

    /// <summary>Master high shelf frequency.</summary>
    MasterHighShelfFrequency,

    /// <summary>Master multiband compression amount.</summary>
    MasterCompression,

    /// <summary>Master stereo width.</summary>
    MasterWidth,

    /// <summary>Master loudness target.</summary>
    MasterLoudnessTarget,

    /// <summary>Master true-peak ceiling.</summary>
    MasterCeiling,

    /// <summary>Master chain bypassed.</summary>
    MasterBypass,

    /// <summary>Master A/B.</summary>
    MasterAb,

    /// <summary>Translation preview on the mastering box's monitor outputs.</summary>
    MasterPreview,

    /// <summary>Master EQ bell band frequency (slot = band).</summary>
    MasterEqBandFrequency,

    /// <summary>Master EQ bell band gain (slot = band).</summary>
    MasterEqBandGain,

    /// <summary>Master EQ bell band Q (slot = band).</summary>
    MasterEqBandQ,

    /// <summary>Master multiband threshold at full amount (slot = band).</summary>
    MasterBandThreshold,

    /// <summary>Master multiband ratio at full amount (slot = band).</summary>
    MasterBandRatio,

    /// <summary>Master multiband attack (slot = band).</summary>
    MasterBandAttack,

    /// <summary>Master multiband release (slot = band).</summary>
    MasterBandRelease,

    /// <summary>Master multiband make-up gain (slot = band).</summary>
    MasterBandMakeup,

    /// <summary>Master multiband crossover frequency (slot = crossover).</summary>
    MasterCompCrossover,

    /// <summary>Master imager width of one band (slot = band).</summary>
    MasterImagerWidth,

    /// <summary>Master imager crossover frequency (slot = crossover).</summary>
    MasterImagerCrossover,

    /// <summary>Master imager: lowest band mono.</summary>
    MasterBassMono,

    /// <summary>Master saturation on.</summary>
    MasterSaturationOn,

    /// <summary>Master saturation drive.</summary>
    MasterSaturationDrive,

    /// <summary>Master saturation wet share.</summary>
    MasterSaturationMix,

    /// <summary>Master limiter release.</summary>
    MasterLimiterRelease,

    /// <summary>Master dither on.</summary>
    MasterDitherOn,

    /// <summary>Master dither word length.</summary>
    MasterDitherBits,

    /// <summary>Master dither noise shaping.</summary>
    MasterDitherShaping,

    /// <summary>Master loudness gain mode (follow, learn, hold).</summary>
    MasterLoudnessMode,

    /// <summary>Insert point on (a strip's /insert/on).</summary>
    InsertOn,

    /// <summary>Insert position, PRE or POST (a strip's /insert/pos).</summary>
    InsertPosition,

    /// <summary>Insert point choice: OFF, an effect slot side, an X32 aux loop (a strip's /insert/sel).</summary>
    InsertSelect,
}
