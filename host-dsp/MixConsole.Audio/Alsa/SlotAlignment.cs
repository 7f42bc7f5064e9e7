namespace MixConsole.Audio.Alsa;

/// <summary>
/// Finds how far a TDM capture frame is rotated from the slots known to carry no converter: over a window of
/// frames those slots read exactly zero and every converter slot reads something (an ADC's noise floor is never
/// all zeros). Counts per slot into arrays sized once; nothing is allocated while observing.
/// </summary>
internal sealed class SlotAlignment
{
    private readonly int _slots;
    private readonly int[] _empty;
    private readonly bool[] _isEmpty;
    private readonly long[] _nonZero;
    private readonly int _windowFrames;
    private int _seenFrames;

    public SlotAlignment(int slots, IReadOnlyList<int> emptySlots, int windowFrames)
    {
        _slots = slots;
        _empty = [.. emptySlots];
        _isEmpty = new bool[slots];
        foreach (int e in _empty) _isEmpty[e] = true;
        _nonZero = new long[slots];
        _windowFrames = windowFrames;
    }

    /// <summary>True once a whole window has been observed since <see cref="Restart"/>.</summary>
    public bool Complete => _seenFrames >= _windowFrames;

    /// <summary>Forgets what was seen: a new window starts.</summary>
    public void Restart()
    {
        Array.Clear(_nonZero);
        _seenFrames = 0;
    }

    /// <summary>Counts, per slot, the samples of <paramref name="frames"/> interleaved frames that are not all zero bytes.</summary>
    public void Observe(ReadOnlySpan<byte> interleaved, int bytesPerSample, int frames)
    {
        int frameBytes = _slots * bytesPerSample;
        for (int f = 0; f < frames; f++)
        {
            var frame = interleaved.Slice(f * frameBytes, frameBytes);
            for (int s = 0; s < _slots; s++)
            {
                if (frame.Slice(s * bytesPerSample, bytesPerSample).ContainsAnyExcept((byte)0)) _nonZero[s]++;
            }
        }
        _seenFrames += frames;
    }

    /// <summary>
    /// The rotation r (0..slots-1) for which the data meant for slot s arrived in slot (s + r) mod slots, or -1 when
    /// the window does not tell (silent converters, or zeros where no rotation puts the empty slots).
    /// </summary>
    public int Rotation()
    {
        int found = -1;
        for (int r = 0; r < _slots; r++)
        {
            bool fits = true;
            for (int s = 0; s < _slots && fits; s++)
                fits = _isEmpty[s] ? _nonZero[(s + r) % _slots] == 0 : _nonZero[(s + r) % _slots] > 0;
            if (!fits) continue;
            if (found >= 0) return -1;
            found = r;
        }
        return found;
    }
}
