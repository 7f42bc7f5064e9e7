using System.Device.Gpio;
using MixConsole.Panel.Config;
using MixConsole.Panel.Hardware;
using MixConsole.Panel.Link;
using MixConsole.Panel.Tests.Fakes;

namespace MixConsole.Panel.Tests;

/// <summary>The Pi hardware layer alone, on the GPIO and I2C doubles.</summary>
public sealed class PanelHardwareTests
{
    [Fact]
    public void EncoderEdges_DecodeToQuarterSteps_BothWays()
    {
        var board = new FakePanelBoard();
        using var gpio = new GpioController(board.Gpio);
        using var encoders = new GpioEncoders(gpio, [new EncoderWiring { Control = "low", A = 5, B = 6 }]);
        Assert.Equal(PinMode.InputPullUp, board.Gpio.ModeOf(5));
        Assert.Equal(PinMode.InputPullUp, board.Gpio.ModeOf(6));

        board.Turn(5, 6, +3);
        Assert.Equal(12, encoders.Quarters(0));
        board.Turn(5, 6, -5);
        Assert.Equal(-8, encoders.Quarters(0));

        // A bounce (A closes and opens again with B still open) nets to nothing.
        board.Gpio.SetLevel(5, PinValue.Low);
        board.Gpio.SetLevel(5, PinValue.High);
        Assert.Equal(-8, encoders.Quarters(0));
    }

    [Fact]
    public void Replay_HandsTheCoreOneQuadratureStateAScan_TowardsTheDecodedCount()
    {
        var board = new FakePanelBoard();
        using var gpio = new GpioController(board.Gpio);
        using var encoders = new GpioEncoders(gpio, [new EncoderWiring { Control = "low", A = 5, B = 6 }]);
        board.Turn(5, 6, +1);
        int[] seen = [.. Enumerable.Range(0, 6).Select(_ => encoders.Replay(0))];
        // Clockwise closed states (A << 1 | B): 01, 11, 10, 00, then it rests.
        Assert.Equal([1, 3, 2, 0, 0, 0], seen);
    }

    [Fact]
    public void Dispose_UnregistersTheEdgeCallbacks()
    {
        var board = new FakePanelBoard();
        using var gpio = new GpioController(board.Gpio);
        var encoders = new GpioEncoders(gpio, [new EncoderWiring { Control = "low", A = 5, B = 6 }]);
        Assert.Equal(2, board.Gpio.CallbackCount);
        encoders.Dispose();
        Assert.Equal(0, board.Gpio.CallbackCount);
    }

    [Fact]
    public void Display_DrawsEachLineAsOnePageOfFontCells()
    {
        var board = new FakePanelBoard();
        FrameOnlyImages.Register();
        using var display = new OledTextDisplay(new Iot.Device.Ssd13xx.Ssd1306(board.Oled, OledTextDisplay.Width, OledTextDisplay.Height));
        char[] text = "TARGET -14.0".ToCharArray();
        display.WriteLine(3, text, text.Length);
        display.Flush();
        ServeWithPanel.WaitUntil(() => board.Oled.Text(3) == "TARGET -14.0    ", () => "line 4 drawn, shows '" + board.Oled.Text(3) + "'");
        Assert.True(board.Oled.IsOn);
        Assert.Equal(new string(' ', 16), board.Oled.Text(2));
        // Nothing changed: no second frame.
        long bytes = board.Oled.DataBytes;
        display.Flush();
        Assert.Equal(bytes, board.Oled.DataBytes);
    }

    [Fact]
    public void PanelScan_InSteadyState_AllocatesNothing()
    {
        var board = new FakePanelBoard();
        PanelConfig config = PanelConfig.Load(PanelFiles.MasteringBox);
        using var panel = PiPanel.Open(config, board.Devices(), null, [], [], "none");
        // A server that answers nothing: the scan polls the expander, converts pots, decodes and renders with the link idle.
        ((Control.Transport.IOscTransport)panel.Link).Start((_, in _) => { });
        panel.Engine.Start();
        board.Adc.SetVolts(2, 1.0);
        board.Turn(5, 6, +2);
        AllocationResult result = Allocations.Measure(panel.Step, 5_000);
        Assert.True(result.Bytes == 0, result.ToString());
        Assert.True(board.Adc.Conversions > 0 && board.Expander.Transactions > 5_000, $"{board.Adc.Conversions} conversions, {board.Expander.Transactions} expander reads");
    }

    [Fact]
    public void InProcessLink_CarriesServerPacketsToTheCore_AndDropsWhenFull()
    {
        var link = new InProcessOscLink();
        var server = (Control.Transport.IOscTransport)link;
        var core = (ControlSurface.Hardware.IOscTransport)link;
        Assert.False(core.Open());
        server.Start((_, in _) => { });
        Assert.True(core.Open());
        Assert.False(server.Send([1, 2, 3, 4], Control.Transport.OscPeer.SerialLine));
        for (int i = 0; i < 256; i++) Assert.True(server.Send([(byte)i, 0, 0, 0], InProcessOscLink.Peer));
        Assert.False(server.Send([9, 9, 9, 9], InProcessOscLink.Peer));
        Assert.Equal(1, link.Dropped);
        var buffer = new byte[ControlSurface.Link.OscLink.MaxPacketBytes];
        Assert.Equal(4, core.Receive(buffer));
        Assert.Equal(0, buffer[0]);
    }
}
