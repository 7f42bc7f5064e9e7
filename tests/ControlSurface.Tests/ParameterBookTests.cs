using MixConsole.ControlSurface.Mapping;
using MixConsole.ControlSurface.Osc;

namespace MixConsole.ControlSurface.Tests;

public class ParameterBookTests
{
    [Fact]
    public void Renumber_FindsTheNewAddress_NotTheOld_AndForgetsTheValue()
    {
        var book = new ParameterBook(400);
        for (int c = 1; c <= 32; c++)
        {
            for (int b = 1; b <= 8; b++)
            {
                book.Register($"/ch/{c:00}/mix/{b:00}/pan", ParameterKind.Level);
            }
        }

        int send = book.Register("/ch/01/mix/01/level", ParameterKind.Level);
        book.Seal();
        book.StoreHostValue(send, 0.4f);

        book.Renumber(send, OscPaths.ChannelDigitsOffset, 27);
        book.Renumber(send, OscPaths.SendBusDigitsOffset, 14);

        Assert.Equal(send, Find(book, "/ch/27/mix/14/level"));
        Assert.Equal(-1, Find(book, "/ch/01/mix/01/level"));
        Assert.False(book.IsKnown(send));
        for (int c = 1; c <= 32; c++)
        {
            Assert.True(Find(book, $"/ch/{c:00}/mix/05/pan") >= 0, $"channel {c}'s pan is lost after a renumber");
        }
    }

    private static int Find(ParameterBook book, string address)
    {
        var sink = new FindingSink(book);
        byte[] packet = new byte[128];
        int n = OscWriter.WriteFloat(packet, OscWriter.EncodeString(address), 0.5f);
        new OscPacketReader().Read(packet, 0, n, sink);
        return sink.Id;
    }

    private sealed class FindingSink(ParameterBook book) : IOscMessageSink
    {
        public int Id { get; private set; } = -2;

        public void OnMessage(OscMessage message) => Id = book.Find(message);
    }
}
