using MixConsole.Dsp.Core;
using Xunit;

namespace MixConsole.Dsp.Tests.Core;

public class AudioBufferTests
{
    [Theory]
    [InlineData(3, 20, 20)]
    [InlineData(3, 20, 7)]
    [InlineData(1, 32, 32)]
    [InlineData(4, 32, 0)]
    public void Clear_ZeroesTheFirstFramesOfEveryChannel_AndKeepsTheRest(int channels, int capacity, int frames)
    {
        var buffer = new AudioBuffer(channels, capacity);
        for (int c = 0; c < channels; c++)
        {
            Span<float> channel = buffer.Channel(c);
            for (int t = 0; t < capacity; t++) channel[t] = 1 + c * capacity + t;
        }

        buffer.Clear(frames);
        for (int c = 0; c < channels; c++)
        {
            Span<float> channel = buffer.Channel(c);
            for (int t = 0; t < capacity; t++) Assert.Equal(t < frames ? 0f : 1 + c * capacity + t, channel[t]);
        }
    }
}
