using BenchmarkDotNet.Attributes;
using MixConsole.Control.Osc;

namespace MixConsole.Benchmarks;

/// <summary>
/// OSC decode cost on one core: validate a received packet, compare its address, read its argument.
/// Messages per second = 1e9 / Mean(ns). Run: dotnet run -c Release --project tools/MixConsole.Benchmarks -- --filter '*Osc*'
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class OscBenchmarks
{
    private const int BundleSize = 8;
    private byte[] _fader = [];
    private byte[] _bundle = [];
    private byte[] _slipFrame = [];
    private byte[] _malformed = [];
    private byte[] _output = new byte[256];
    private SlipDecoder _slip = new(4096);

    /// <summary>Builds the packets once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var buffer = new byte[1024];
        OscWriter.TryWriteMessage(buffer, "/ch/01/mix/fader"u8, 0.75f, out int length);
        _fader = buffer[..length];

        var writer = new OscWriter(buffer);
        writer.BeginBundle(OscTimeTag.Immediate);
        for (int i = 0; i < BundleSize; i++)
        {
            int element = writer.BeginElement();
            writer.BeginMessage("/ch/01/mix/fader"u8, "f"u8);
            writer.WriteFloat32(i / 8f);
            writer.EndElement(element);
        }

        writer.TryComplete(out length);
        _bundle = buffer[..length];

        var frame = new byte[Slip.MaxEncodedLength(_fader.Length)];
        Slip.TryEncode(_fader, frame, out length);
        _slipFrame = frame[..length];
        _malformed = [.. _fader[..^4], 0x7F, 0xFF, 0xFF, 0xFF];
        _malformed[21] = (byte)'b';
    }

    /// <summary>One UDP fader message: validate, match the address, read the float.</summary>
    [Benchmark(Baseline = true)]
    public float DecodeFaderMessage()
    {
        if (OscMessage.TryParse(_fader, out OscMessage message, out _) &&
            message.AddressEquals("/ch/01/mix/fader"u8) && message.TryGetFloat32(0, out float value))
        {
            return value;
        }

        return -1;
    }

    /// <summary>Same, with the address treated as a pattern and matched against a table path.</summary>
    [Benchmark]
    public float DecodeFaderMessageWithPatternMatch()
    {
        if (OscMessage.TryParse(_fader, out OscMessage message, out _) &&
            OscAddressPattern.IsMatch(message.Address, "/ch/01/mix/fader"u8) && message.TryGetFloat32(0, out float value))
        {
            return value;
        }

        return -1;
    }

    /// <summary>A bundle of eight fader messages, validated whole then visited; cost per message.</summary>
    [Benchmark(OperationsPerInvoke = BundleSize)]
    public float DecodeBundleOfEight()
    {
        var visitor = new SumVisitor();
        OscPacket.Visit(_bundle, ref visitor);
        return visitor.Sum;
    }

    /// <summary>A SLIP frame from the serial line: unframe, then decode the message.</summary>
    [Benchmark]
    public float DecodeSlipFramedMessage()
    {
        ReadOnlySpan<byte> input = _slipFrame;
        float sum = 0;
        while (_slip.TryReadFrame(ref input, out ReadOnlySpan<byte> frame))
        {
            if (OscMessage.TryParse(frame, out OscMessage message, out _) && message.TryGetFloat32(0, out float value))
            {
                sum += value;
            }
        }

        return sum;
    }

    /// <summary>Rejecting a packet whose blob claims 2 GB.</summary>
    [Benchmark]
    public OscParseError RejectGiantBlob() => OscPacket.Validate(_malformed, out _);

    /// <summary>Encoding one fader echo for a subscriber.</summary>
    [Benchmark]
    public int EncodeFaderMessage()
    {
        OscWriter.TryWriteMessage(_output, "/ch/01/mix/fader"u8, 0.5f, out int length);
        return length;
    }

    private struct SumVisitor : IOscMessageVisitor
    {
        public float Sum;

        public void OnMessage(in OscMessage message, OscTimeTag timeTag)
        {
            if (message.TryGetFloat32(0, out float value))
            {
                Sum += value;
            }
        }
    }
}
