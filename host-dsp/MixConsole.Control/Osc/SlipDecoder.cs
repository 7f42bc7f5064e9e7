namespace MixConsole.Control.Osc;

/// <summary>
/// Streaming SLIP decoder: feed it bytes in whatever chunks the line delivers and pull complete frames out.
/// It owns one frame buffer of a fixed maximum size, so it allocates nothing after construction. Oversized
/// frames and frames with a bad escape are dropped (and counted) up to the next END; empty frames between
/// back-to-back ENDs are ignored.
/// </summary>
public sealed class SlipDecoder
{
    private readonly byte[] _frame;
    private int _length;
    private bool _escaping;
    private bool _discarding;

    /// <summary>Creates a decoder for frames of at most <paramref name="maxFrameBytes"/> decoded bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxFrameBytes"/> is not positive.</exception>
    public SlipDecoder(int maxFrameBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFrameBytes);
        _frame = new byte[maxFrameBytes];
    }

    /// <summary>Largest decoded frame accepted.</summary>
    public int MaxFrameBytes => _frame.Length;

    /// <summary>Frames dropped for exceeding <see cref="MaxFrameBytes"/>.</summary>
    public long OversizedFrames { get; private set; }

    /// <summary>Frames dropped because ESC was followed by something other than ESC_END or ESC_ESC.</summary>
    public long MalformedFrames { get; private set; }

    /// <summary>Frames delivered.</summary>
    public long FramesDecoded { get; private set; }

    /// <summary>
    /// Consumes bytes from <paramref name="input"/> until a frame completes or the input runs out.
    /// Call in a loop until it returns false, then feed the next chunk.
    /// </summary>
    /// <param name="input">Unconsumed bytes; advanced past what was read.</param>
    /// <param name="frame">The decoded frame, valid until the next call.</param>
    /// <returns>True when a frame completed.</returns>
    public bool TryReadFrame(ref ReadOnlySpan<byte> input, out ReadOnlySpan<byte> frame)
    {
        frame = default;
        int i = 0;
        while (i < input.Length)
        {
            byte b = input[i++];
            if (b == Slip.End)
            {
                bool deliver = !_discarding && !_escaping && _length > 0;
                if (_escaping && !_discarding)
                {
                    MalformedFrames++;
                }

                int length = _length;
                ResetFrame();
                if (deliver)
                {
                    input = input.Slice(i);
                    frame = _frame.AsSpan(0, length);
                    FramesDecoded++;
                    return true;
                }

                continue;
            }

            if (_discarding)
            {
                continue;
            }

            if (_escaping)
            {
                _escaping = false;
                if (b == Slip.EscEnd)
                {
                    b = Slip.End;
                }
                else if (b == Slip.EscEsc)
                {
                    b = Slip.Esc;
                }
                else
                {
                    MalformedFrames++;
                    _discarding = true;
                    continue;
                }
            }
            else if (b == Slip.Esc)
            {
                _escaping = true;
                continue;
            }

            if (_length == _frame.Length)
            {
                OversizedFrames++;
                _discarding = true;
                continue;
            }

            _frame[_length++] = b;
        }

        input = default;
        return false;
    }

    /// <summary>Forgets any partial frame (after a line reset, say).</summary>
    public void Reset() => ResetFrame();

    private void ResetFrame()
    {
        _length = 0;
        _escaping = false;
        _discarding = false;
    }
}
