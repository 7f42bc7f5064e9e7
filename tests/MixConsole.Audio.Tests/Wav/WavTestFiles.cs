using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using MixConsole.Audio.Wav;
using MixConsole.Dsp.Core;

namespace MixConsole.Audio.Tests.Wav;

/// <summary>Signals, hand-built headers and tool runners shared by the WAV tests.</summary>
internal static class WavTestFiles
{
    /// <summary>
    /// A deterministic signal every sample of which the format stores exactly: integer formats
    /// get random codes on their own grid (full-scale extremes included), float formats random floats.
    /// </summary>
    public static AudioBuffer ExactSignal(WavSampleFormat format, int channels, int frames, int seed)
    {
        var rng = new Random(seed);
        var buffer = new AudioBuffer(channels, frames);
        int bits = format switch
        {
            WavSampleFormat.Pcm16 => 16,
            WavSampleFormat.Pcm24 => 24,
            // Float holds 24 significant bits, so 32-bit PCM round-trips exactly on the 24-bit grid.
            _ => 24,
        };
        int fullScale = 1 << (bits - 1);
        for (int c = 0; c < channels; c++)
        {
            Span<float> ch = buffer.Channel(c, frames);
            for (int i = 0; i < frames; i++)
            {
                ch[i] = format.IsFloat()
                    ? (float)(rng.NextDouble() * 4 - 2) * MathF.Pow(2, -rng.Next(0, 30))
                    : (float)rng.Next(-fullScale, fullScale) / fullScale;
            }
            if (!format.IsFloat() && frames >= 2)
            {
                ch[0] = -1f;
                ch[1] = (float)(fullScale - 1) / fullScale;
            }
        }
        return buffer;
    }

    /// <summary>Writes <paramref name="signal"/> as a WAV file into memory.</summary>
    public static byte[] WriteToBytes(WavFormat format, AudioBuffer signal, int frames)
    {
        using var ms = new MemoryStream();
        using (var writer = new WavWriter(ms, format, leaveOpen: true))
            writer.Write(signal, frames);
        return ms.ToArray();
    }

    /// <summary>Reads every frame of a WAV file in memory through blocks of <paramref name="blockFrames"/>.</summary>
    public static (WavFormat Format, AudioBuffer Audio, int Frames) ReadAll(byte[] file, int blockFrames = 1000, int maxFrames = 1 << 20)
    {
        using var reader = new WavReader(new MemoryStream(file), "test.wav");
        return ReadAll(reader, blockFrames, maxFrames);
    }

    /// <summary>Reads up to <paramref name="maxFrames"/> frames from <paramref name="reader"/>.</summary>
    public static (WavFormat Format, AudioBuffer Audio, int Frames) ReadAll(WavReader reader, int blockFrames = 1000, int maxFrames = 1 << 20)
    {
        var all = new AudioBuffer(reader.Format.Channels, maxFrames);
        var block = new AudioBuffer(reader.Format.Channels, blockFrames);
        int total = 0;
        int n;
        while ((n = reader.Read(block, blockFrames)) > 0)
        {
            for (int c = 0; c < reader.Format.Channels; c++)
                block.Channel(c, n).CopyTo(all.Channel(c)[total..]);
            total += n;
        }
        return (reader.Format, all, total);
    }

    /// <summary>A RIFF chunk: id, 32-bit size, body and pad byte when the size is odd.</summary>
    public static byte[] Chunk(string id, ReadOnlySpan<byte> body, uint? declaredSize = null)
    {
        var chunk = new byte[8 + body.Length + (body.Length & 1)];
        Encoding.ASCII.GetBytes(id).CopyTo(chunk, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), declaredSize ?? (uint)body.Length);
        body.CopyTo(chunk.AsSpan(8));
        return chunk;
    }

    /// <summary>A plain (16-byte) fmt body.</summary>
    public static byte[] FmtBody(ushort tag, int channels, int rateHz, int bits, int? blockAlign = null)
    {
        var fmt = new byte[16];
        int align = blockAlign ?? channels * bits / 8;
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(4), (uint)rateHz);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(8), (uint)(rateHz * align));
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(12), (ushort)align);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(14), (ushort)bits);
        return fmt;
    }

    /// <summary>A RIFF (or RF64) file from its chunks; the RIFF size is right unless given.</summary>
    public static byte[] Riff(string riffId, uint? riffSize, params byte[][] chunks)
    {
        int length = 12 + chunks.Sum(c => c.Length);
        var file = new byte[length];
        Encoding.ASCII.GetBytes(riffId).CopyTo(file, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), riffSize ?? (uint)(length - 8));
        Encoding.ASCII.GetBytes("WAVE").CopyTo(file, 8);
        int p = 12;
        foreach (byte[] chunk in chunks)
        {
            chunk.CopyTo(file, p);
            p += chunk.Length;
        }
        return file;
    }

    /// <summary>Interleaved little-endian 16-bit samples 0, 1, 2, ... for a data body.</summary>
    public static byte[] Ramp16(int samples)
    {
        var body = new byte[samples * 2];
        for (int i = 0; i < samples; i++)
            BinaryPrimitives.WriteInt16LittleEndian(body.AsSpan(2 * i), (short)(i * 7 - 3000));
        return body;
    }

    /// <summary>Runs a command-line tool and fails the test with its stderr when it fails or is missing.</summary>
    public static byte[] RunTool(string tool, params string[] arguments)
    {
        var psi = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in arguments)
            psi.ArgumentList.Add(a);
        using Process process = Process.Start(psi)
            ?? throw new InvalidOperationException($"{tool} did not start (install it: apt-get install {tool})");
        using var output = new MemoryStream();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed: {stderr.Result}");
        return output.ToArray();
    }

    /// <summary>Raw little-endian float32 samples as an array.</summary>
    public static float[] Floats(byte[] raw)
    {
        var values = new float[raw.Length / 4];
        for (int i = 0; i < values.Length; i++)
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(4 * i));
        return values;
    }

    /// <summary>Raw little-endian int32 samples as an array.</summary>
    public static int[] Ints(byte[] raw)
    {
        var values = new int[raw.Length / 4];
        for (int i = 0; i < values.Length; i++)
            values[i] = BinaryPrimitives.ReadInt32LittleEndian(raw.AsSpan(4 * i));
        return values;
    }

    /// <summary>A fresh temporary folder for files a test hands to external tools.</summary>
    public static string TempFolder()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mixconsole-wav-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
