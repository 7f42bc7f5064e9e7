using MixConsole.ControlSurface.Input;

namespace MixConsole.ControlSurface.Tests;

public class InputTests
{
    private static int Raw(double position, Random rng, int noise) =>
        Math.Clamp((int)Math.Round(position * 4095) + rng.Next(-noise, noise + 1), 0, 4095);

    [Theory]
    [InlineData(3, 0.4)]
    [InlineData(4, 0.73)]
    [InlineData(5, 0.05)]
    [InlineData(6, 0.9)]
    [InlineData(7, 0.5)]
    public void FaderScanner_HeldStillUnderAdcNoise_GoesQuietAfterSettling(int seed, double position)
    {
        var rng = new Random(seed);
        var scanner = new FaderScanner(1, 4095, new FaderTuning());
        var sent = new List<(long T, int V)>();
        for (long t = 0; t < 10000; t++)
        {
            scanner.Update(0, Raw(position, rng, 12));
            if (scanner.TryTakeChange(0, t, out int v))
            {
                sent.Add((t, v));
            }
        }

        // ±12 raw steps of noise is ±3 ten-bit steps: without smoothing and hysteresis this would chatter for ever.
        Assert.All(sent, s => Assert.True(s.T < 200, $"sent {s.V} at {s.T} ms while the fader was still"));
        Assert.InRange(sent[^1].V, (int)(position * 1023) - 3, (int)(position * 1023) + 3);
        for (int i = 2; i < sent.Count; i++)
        {
            Assert.True(Math.Sign(sent[i].V - sent[i - 1].V) == Math.Sign(sent[1].V - sent[0].V), "settling reversed direction");
        }
    }

    [Fact]
    public void FaderScanner_SlowMoveUnderNoise_SendsStrictlyMonotonicValues()
    {
        var rng = new Random(5);
        var scanner = new FaderScanner(1, 4095, new FaderTuning());
        var sent = new List<int>();
        for (long t = 0; t < 4000; t++)
        {
            double position = 0.2 + (0.5 * t / 4000.0);
            scanner.Update(0, Raw(position, rng, 12));
            if (scanner.TryTakeChange(0, t, out int v))
            {
                sent.Add(v);
            }
        }

        for (int i = 1; i < sent.Count; i++)
        {
            Assert.True(sent[i] > sent[i - 1], $"value went back from {sent[i - 1]} to {sent[i]} at send {i}");
        }

        Assert.InRange(sent[^1], 710, 720);
    }

    [Fact]
    public void FaderScanner_ReachesBothEndsExactly_UnderNoise()
    {
        var rng = new Random(9);
        var scanner = new FaderScanner(1, 4095, new FaderTuning());
        scanner.SetCalibration(0, 40, 4050);
        for (int t = 0; t < 500; t++)
        {
            scanner.Update(0, Raw(1.0, rng, 8));
        }

        Assert.Equal(1023, scanner.Stable(0));
        for (int t = 0; t < 500; t++)
        {
            scanner.Update(0, Raw(0.0, rng, 8));
        }

        Assert.Equal(0, scanner.Stable(0));
    }

    [Fact]
    public void FaderScanner_FastMove_RespectsRateLimit_AndDeliversFinalValue()
    {
        var scanner = new FaderScanner(1, 4095, new FaderTuning { MinSendIntervalMs = 10 });
        var times = new List<long>();
        int last = -1;
        for (long t = 0; t < 300; t++)
        {
            double position = t < 100 ? t / 100.0 : 1.0;
            scanner.Update(0, (int)(position * 4095));
            if (scanner.TryTakeChange(0, t, out int v))
            {
                times.Add(t);
                last = v;
            }
        }

        for (int i = 1; i < times.Count; i++)
        {
            Assert.True(times[i] - times[i - 1] >= 10);
        }

        Assert.Equal(1023, last);
    }

    [Fact]
    public void FaderScanner_Calibration_MapsMeasuredEndsToFullRange()
    {
        var scanner = new FaderScanner(1, 4095, new FaderTuning());
        scanner.SetCalibration(0, 200, 3800);
        Feed(scanner, 2000);
        Assert.Equal(512, scanner.Stable(0));
        Assert.Equal(512, scanner.Position(0));
        Feed(scanner, 100);
        Assert.Equal(0, scanner.Stable(0));
        Feed(scanner, 4000);
        Assert.Equal(1023, scanner.Stable(0));
    }

    private static void Feed(FaderScanner scanner, int raw)
    {
        for (int i = 0; i < 300; i++)
        {
            scanner.Update(0, raw);
        }
    }

    private static readonly int[] Clockwise = [1, 3, 2, 0];

    private static IEnumerable<int> States(int detents, int bounce, Random rng)
    {
        int state = 0;
        for (int d = 0; d < Math.Abs(detents); d++)
        {
            for (int k = 0; k < 4; k++)
            {
                int next = detents > 0 ? Clockwise[k] : Clockwise[(6 - k) % 4];
                for (int b = 0; b < bounce; b++)
                {
                    // Contact bounce: the changing phase flickers between old and new level.
                    yield return next;
                    yield return state;
                }

                state = next;
                yield return state;
            }
        }
    }

    [Theory]
    [InlineData(12, 0)]
    [InlineData(-12, 0)]
    [InlineData(25, 3)]
    [InlineData(-25, 5)]
    public void Encoder_WithContactBounce_CountsEveryDetentExactlyOnce(int detents, int bounce)
    {
        var decoder = new QuadratureDecoder(1, new EncoderTuning { FastIntervalMs = 0, MediumIntervalMs = 0 });
        var rng = new Random(1);
        int total = 0;
        long t = 0;
        foreach (int s in States(detents, bounce, rng))
        {
            total += decoder.Update(0, (s & 2) != 0, (s & 1) != 0, t += 1);
        }

        Assert.Equal(detents, total);
        Assert.Equal(detents, decoder.RawDetents(0));
    }

    [Fact]
    public void Encoder_HalfTurnThatReturns_CountsNothing()
    {
        var decoder = new QuadratureDecoder(1, new EncoderTuning());
        int total = 0;
        foreach (int s in new[] { 1, 3, 1, 0 })
        {
            total += decoder.Update(0, (s & 2) != 0, (s & 1) != 0, 0);
        }

        Assert.Equal(0, total);
    }

    [Fact]
    public void Encoder_FastTurn_Accelerates_SlowTurnDoesNot()
    {
        var decoder = new QuadratureDecoder(2, new EncoderTuning());
        int fast = 0;
        int slow = 0;
        long t = 0;
        foreach (int s in States(10, 0, new Random(0)))
        {
            t += 1;
            fast += decoder.Update(0, (s & 2) != 0, (s & 1) != 0, t);
        }

        t = 0;
        foreach (int s in States(10, 0, new Random(0)))
        {
            t += 50;
            slow += decoder.Update(1, (s & 2) != 0, (s & 1) != 0, t);
        }

        Assert.Equal(10, slow);
        Assert.True(fast >= 30, $"fast turn gave {fast}");
    }

    [Fact]
    public void Button_ChatteringPress_ProducesOnePressAndOneRelease()
    {
        var buttons = new ButtonDebouncer(1, 25, 600);
        var events = new List<ButtonEvent>();
        var rng = new Random(4);
        for (long t = 0; t < 400; t++)
        {
            bool level = t switch
            {
                < 10 => false,
                < 18 => rng.Next(2) == 0,
                < 200 => true,
                < 208 => rng.Next(2) == 0,
                _ => false,
            };
            ButtonEvent e = buttons.Update(0, level, t);
            if (e != ButtonEvent.None)
            {
                events.Add(e);
            }
        }

        Assert.Equal([ButtonEvent.Pressed, ButtonEvent.Released], events);
    }

    [Fact]
    public void Button_GlitchShorterThanDebounce_IsIgnored()
    {
        var buttons = new ButtonDebouncer(1, 25, 600);
        for (long t = 0; t < 200; t++)
        {
            Assert.Equal(ButtonEvent.None, buttons.Update(0, t is >= 50 and < 70, t));
        }
    }

    [Fact]
    public void Button_HeldLong_ReportsLongPressOnce()
    {
        var buttons = new ButtonDebouncer(1, 25, 600);
        var events = new List<(long, ButtonEvent)>();
        for (long t = 0; t < 2000; t++)
        {
            ButtonEvent e = buttons.Update(0, t < 1500, t);
            if (e != ButtonEvent.None)
            {
                events.Add((t, e));
            }
        }

        Assert.Equal(3, events.Count);
        Assert.Equal(ButtonEvent.Pressed, events[0].Item2);
        Assert.Equal((625L, ButtonEvent.LongPress), events[1]);
        Assert.Equal(ButtonEvent.Released, events[2].Item2);
    }

    [Fact]
    public void Touch_ReleaseHeldFor20ms_RidesOverHumDropouts()
    {
        var touch = new TouchSensor(1, 20);
        for (long t = 0; t < 100; t++)
        {
            // 50 Hz hum: the sensor drops out for 8 ms every 20 ms while the finger stays on.
            Assert.True(touch.Update(0, t % 20 < 12, t));
        }

        bool released = false;
        for (long t = 100; t < 130; t++)
        {
            released |= !touch.Update(0, false, t);
        }

        Assert.True(released);
    }
}
