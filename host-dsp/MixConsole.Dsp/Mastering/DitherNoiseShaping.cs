namespace MixConsole.Dsp.Mastering;

/// <summary>How <see cref="TpdfDither"/> colours its requantisation noise.</summary>
public enum DitherNoiseShaping
{
    /// <summary>Flat (white) TPDF noise.</summary>
    None,

    /// <summary>First-order error feedback (1 - z^-1): less noise at low frequencies, more near Nyquist.</summary>
    FirstOrder,
}
