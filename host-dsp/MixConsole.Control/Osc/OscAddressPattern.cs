using System.Buffers;

namespace MixConsole.Control.Osc;

/// <summary>
/// OSC 1.0 address-pattern matching of an incoming pattern against a concrete address, part by part:
/// '?' one character, '*' any run (never crossing '/'), "[a-z]" / "[!0-9]" character classes with ranges and
/// negation, "{fader,pan}" alternatives. Allocation-free; malformed patterns (an unclosed '[' or '{') match
/// nothing, and a step budget bounds the work a hostile pattern can cause.
/// </summary>
public static class OscAddressPattern
{
    /// <summary>Matching steps allowed per call before the pattern is declared a non-match.</summary>
    public const int StepBudget = 10_000;

    private static readonly SearchValues<byte> WildcardBytes = SearchValues.Create("*?[{"u8);

    /// <summary>True when <paramref name="pattern"/> uses any wildcard, so an exact lookup will not do.</summary>
    public static bool HasWildcards(ReadOnlySpan<byte> pattern) => pattern.IndexOfAny(WildcardBytes) >= 0;

    /// <summary>True when <paramref name="pattern"/> matches the concrete <paramref name="address"/>.</summary>
    public static bool IsMatch(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> address) => IsMatch(pattern, address, out _);

    /// <summary>
    /// <see cref="IsMatch(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>, also giving the matching steps taken: at most
    /// <see cref="StepBudget"/> + 1, which means the budget ran out. Tests bound the work by it, not by a clock.
    /// </summary>
    internal static bool IsMatch(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> address, out int steps)
    {
        int budget = StepBudget;
        bool match = MatchParts(pattern, address, ref budget);
        steps = StepBudget - budget;
        return match;
    }

    /// <summary>String convenience for tests and tools (ASCII).</summary>
    public static bool IsMatch(string pattern, string address)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(address);
        return IsMatch(System.Text.Encoding.ASCII.GetBytes(pattern), System.Text.Encoding.ASCII.GetBytes(address));
    }

    private static bool MatchParts(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> address, ref int budget)
    {
        while (true)
        {
            int patternSlash = pattern.IndexOf((byte)'/');
            int addressSlash = address.IndexOf((byte)'/');
            if ((patternSlash < 0) != (addressSlash < 0))
            {
                return false;
            }

            if (patternSlash < 0)
            {
                return MatchPart(pattern, address, ref budget);
            }

            if (!MatchPart(pattern.Slice(0, patternSlash), address.Slice(0, addressSlash), ref budget))
            {
                return false;
            }

            pattern = pattern.Slice(patternSlash + 1);
            address = address.Slice(addressSlash + 1);
        }
    }

    private static bool MatchPart(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> text, ref int budget)
    {
        while (!pattern.IsEmpty)
        {
            if (--budget < 0)
            {
                return false;
            }

            switch (pattern[0])
            {
                case (byte)'*':
                {
                    ReadOnlySpan<byte> after = pattern.TrimStart((byte)'*');
                    if (after.IsEmpty)
                    {
                        return true;
                    }

                    for (int skip = 0; skip <= text.Length; skip++)
                    {
                        if (MatchPart(after, text.Slice(skip), ref budget))
                        {
                            return true;
                        }

                        if (budget < 0)
                        {
                            return false;
                        }
                    }

                    return false;
                }

                case (byte)'?':
                    if (text.IsEmpty)
                    {
                        return false;
                    }

                    pattern = pattern.Slice(1);
                    text = text.Slice(1);
                    break;
                case (byte)'[':
                {
                    int close = pattern.Slice(1).IndexOf((byte)']');
                    if (close < 0 || text.IsEmpty || !MatchClass(pattern.Slice(1, close), text[0]))
                    {
                        return false;
                    }

                    pattern = pattern.Slice(close + 2);
                    text = text.Slice(1);
                    break;
                }

                case (byte)'{':
                {
                    int close = pattern.IndexOf((byte)'}');
                    if (close < 0)
                    {
                        return false;
                    }

                    ReadOnlySpan<byte> choices = pattern.Slice(1, close - 1);
                    ReadOnlySpan<byte> after = pattern.Slice(close + 1);
                    while (true)
                    {
                        int comma = choices.IndexOf((byte)',');
                        ReadOnlySpan<byte> choice = comma < 0 ? choices : choices.Slice(0, comma);
                        if (text.StartsWith(choice) && MatchPart(after, text.Slice(choice.Length), ref budget))
                        {
                            return true;
                        }

                        if (comma < 0 || budget < 0)
                        {
                            return false;
                        }

                        choices = choices.Slice(comma + 1);
                    }
                }

                default:
                    if (text.IsEmpty || text[0] != pattern[0])
                    {
                        return false;
                    }

                    pattern = pattern.Slice(1);
                    text = text.Slice(1);
                    break;
            }
        }

        return text.IsEmpty;
    }

    // Body of "[...]": a leading '!' negates; "a-z" is a range; a '-' first or last is literal.
    private static bool MatchClass(ReadOnlySpan<byte> body, byte c)
    {
        bool negate = !body.IsEmpty && body[0] == (byte)'!';
        if (negate)
        {
            body = body.Slice(1);
        }

        bool found = false;
        for (int i = 0; i < body.Length; i++)
        {
            if (i + 2 < body.Length && body[i + 1] == (byte)'-')
            {
                found |= c >= body[i] && c <= body[i + 2];
                i += 2;
            }
            else
            {
                found |= c == body[i];
            }
        }

        return found != negate;
    }
}
