namespace MixConsole.Mastering.Pipeline;

/// <summary>One render pass of the loudness search.</summary>
/// <param name="GainDb">Loudness gain before the limiter, dB.</param>
/// <param name="CeilingDbtp">Limiter ceiling used, dBTP.</param>
/// <param name="IntegratedLufs">Integrated loudness of that pass's output, LUFS.</param>
/// <param name="TruePeakDbtp">True peak of that pass's output (8x), dBTP.</param>
/// <param name="MaxGainReductionDb">Deepest limiter gain reduction, dB.</param>
public sealed record PassRecord(double GainDb, double CeilingDbtp, double IntegratedLufs, double TruePeakDbtp, double MaxGainReductionDb);
