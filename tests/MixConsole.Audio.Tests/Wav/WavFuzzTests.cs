using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using MixConsole.Audio.Tests.Support;
using MixConsole.Audio.Wav;
using MixConsole.Dsp.Core;
using Xunit;
using Xunit.Abstractions;
using static MixConsole.Audio.Tests.Wav.WavTestFiles;

namespace MixConsole.Audio.Tests.Wav;

/// <summary>
/// Mutated headers (bit flips, rewritten sizes, truncations, inserted chunks) either read
/// cleanly or raise <see cref="WavFormatException"/>: never another exception, a hang or a
/// large allocation. Work is bounded in this thread's CPU time, which a busy machine does not inflate.
/// </summary>
public sealed class WavFuzzTests(ITestOutputHelper output)
{
    private const int Cases = 12_000;
    private const long MaxAllocatedBytesPerCase = 16L << 20;

    private static readonly string[] ChunkIds = ["fmt ", "data", "ds64", "LIST", "JUNK", "fact", "bext", "\0\0\0\0", "\xff\xff\xff\xff"];

    private static readonly uint[] InterestingSizes =
        [0, 1, 2, 3, 15, 16, 17, 18, 39, 40, 41, 0x7FFFF000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFF0];

    private static List<byte[]> Seeds()
    {
        var seeds = new List<byte[]>();
        foreach (var (format, frames) in new[]
        {
            (new WavFormat(48_000, 2, WavSampleFormat.Pcm16), 300),
            (new WavFormat(44_100, 6, WavSampleFormat.Pcm24, 0x3F), 101),
            (new WavFormat(96_000, 1, WavSampleFormat.Float32), 257),
            (new WavFormat(8_000, 3, WavSampleFormat.Pcm32), 64),
            (new WavFormat(384_000, 2, WavSampleFormat.Float64), 33),
        })
        {
            AudioBuffer signal = ExactSignal(format.SampleFormat, format.Channels, frames, seed: frames);
            seeds.Add(WriteToBytes(format, signal, frames));
            using var ms = new MemoryStream();
            using (var writer = new WavWriter(ms, format, leaveOpen: true, riffSizeLimit: 256))
                writer.Write(signal, frames);
            seeds.Add(ms.ToArray());
        }
        seeds.Add(Riff("RIFF", null, Chunk("bext", new byte[61]), Chunk("fmt ", FmtBody(1, 2, 48_000, 16)),
            Chunk("LIST", new byte[9]), Chunk("data", Ramp16(400)), Chunk("id3 ", new byte[21])));
        seeds.Add(Riff("RIFF", null, Chunk("data", Ramp16(64)), Chunk("fmt ", FmtBody(1, 1, 22_050, 16))));
        return seeds;
    }

    /// <summary>Offsets of every 32-bit size field in a well-formed seed (RIFF size, then each chunk's).</summary>
    private static List<int> SizeFields(byte[] file)
    {
        var fields = new List<int> { 4 };
        for (int p = 12; p + 8 <= file.Length;)
        {
            fields.Add(p + 4);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(p + 4));
            if (size == 0xFFFFFFFF)
                break;
            p += 8 + (int)Math.Min(size + (size & 1), file.Length);
        }
        return fields;
    }

    private static byte[] Mutate(byte[] seed, Random rng)
    {
        var file = new List<byte>(seed);
        List<int> sizeFields = SizeFields(seed);
        int mutations = rng.Next(1, 5);
        for (int m = 0; m < mutations && file.Count > 0; m++)
        {
            int headerSpan = Math.Min(file.Count, 160);
            switch (rng.Next(7))
            {
                case 0:
                    int bit = rng.Next(headerSpan * 8);
                    file[bit / 8] ^= (byte)(1 << (bit % 8));
                    break;
                case 1:
                    file[rng.Next(headerSpan)] = (byte)rng.Next(256);
                    break;
                case 2:
                case 3:
                    int field = sizeFields[rng.Next(sizeFields.Count)];
                    if (field + 4 > file.Count)
                        break;
                    uint old = BinaryPrimitives.ReadUInt32LittleEndian(seed.AsSpan(field));
                    uint size = rng.Next(3) switch
                    {
                        0 => InterestingSizes[rng.Next(InterestingSizes.Length)],
                        1 => (uint)(old + rng.Next(-9, 10)),
                        _ => (uint)rng.NextInt64(0, 1L << 32),
                    };
                    for (int i = 0; i < 4; i++)
                        file[field + i] = (byte)(size >> (8 * i));
                    break;
                case 4:
                    // Truncate, mostly inside the header where parsing is most delicate.
                    int cut = rng.Next(2) == 0 ? rng.Next(headerSpan + 1) : rng.Next(file.Count + 1);
                    file.RemoveRange(cut, file.Count - cut);
                    break;
                case 5:
                    string id = ChunkIds[rng.Next(ChunkIds.Length)];
                    var body = new byte[rng.Next(0, 48)];
                    rng.NextBytes(body);
                    uint declared = rng.Next(3) == 0 ? InterestingSizes[rng.Next(InterestingSizes.Length)] : (uint)body.Length;
                    byte[] chunk = Chunk(id, body, declared);
                    Encoding.Latin1.GetBytes(id).CopyTo(chunk, 0);
                    int at = sizeFields.Count > 1 && rng.Next(2) == 0 ? Math.Min(sizeFields[rng.Next(1, sizeFields.Count)] - 4, file.Count) : Math.Min(12, file.Count);
                    file.InsertRange(at, chunk);
                    break;
                default:
                    if (seed.Length >= 20 && seed[12] == (byte)'d' && file.Count >= 44)
                    {
                        // ds64's 64-bit sizes: anything from zero to negative to absurd.
                        long value = rng.Next(4) switch
                        {
                            0 => -rng.NextInt64(1, long.MaxValue),
                            1 => long.MaxValue - rng.Next(100),
                            2 => 0,
                            _ => rng.NextInt64(0, 1L << 40),
                        };
                        int slot = 20 + 8 * rng.Next(3);
                        for (int i = 0; i < 8; i++)
                            file[slot + i] = (byte)(value >> (8 * i));
                    }
                    else
                    {
                        int start = rng.Next(file.Count);
                        file.RemoveRange(start, Math.Min(file.Count - start, rng.Next(1, 9)));
                        file.Insert(rng.Next(file.Count + 1), (byte)rng.Next(256));
                    }
                    break;
            }
        }
        return file.ToArray();
    }

    [Fact]
    public void MutatedHeaders_ReadCleanlyOrRaiseWavFormatException_WithBoundedCpuTimeAndMemory()
    {
        List<byte[]> seeds = Seeds();
        var rng = new Random(20_250_601);
        var block = new AudioBuffer[WavFormat.MaxChannels + 1];
        int clean = 0, refused = 0;
        long worstAllocated = 0;
        double worstMs = 0;
        TimeSpan cpuStart = ThreadCpuTime.Now();
        var wall = Stopwatch.StartNew();

        for (int n = 0; n < Cases; n++)
        {
            byte[] file = Mutate(seeds[n % seeds.Count], rng);
            bool pipe = n % 4 == 3;
            bool allowTruncated = n % 3 == 0;
            int maxRead = pipe ? rng.Next(1, 200) : int.MaxValue;

            long before = GC.GetAllocatedBytesForCurrentThread();
            TimeSpan caseStart = ThreadCpuTime.Now();
            try
            {
                Stream stream = pipe ? new NonSeekableStream(new MemoryStream(file), maxRead) : new MemoryStream(file);
                using var reader = new WavReader(stream, "fuzz.wav", allowTruncated);
                int channels = reader.Format.Channels;
                AudioBuffer buffer = block[channels] ??= new AudioBuffer(channels, 97);
                long frames = 0;
                int got;
                while ((got = reader.Read(buffer, 97)) > 0)
                {
                    frames += got;
                    Assert.True(frames * reader.Format.BlockAlign <= file.Length, $"case {n}: read more audio than the file holds");
                }
                if (reader.FrameCount >= 0)
                    Assert.Equal(reader.FrameCount, frames);
                clean++;
            }
            catch (WavFormatException e)
            {
                Assert.StartsWith("fuzz.wav: ", e.Message);
                Assert.DoesNotContain('\n', e.Message);
                refused++;
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"case {n} ({(pipe ? "pipe" : "seekable")}): {e.GetType().Name}: {e.Message}\n{Convert.ToHexString(file.AsSpan(0, Math.Min(file.Length, 96)))}");
            }
            worstMs = Math.Max(worstMs, (ThreadCpuTime.Now() - caseStart).TotalMilliseconds);
            worstAllocated = Math.Max(worstAllocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        TimeSpan cpu = ThreadCpuTime.Now() - cpuStart;
        output.WriteLine($"{Cases} cases: {clean} read cleanly, {refused} refused; worst case {worstAllocated} bytes, {worstMs:F1} ms CPU; total {cpu.TotalSeconds:F1} s CPU, {wall.Elapsed.TotalSeconds:F1} s wall");
        Assert.True(worstAllocated < MaxAllocatedBytesPerCase, $"a case allocated {worstAllocated} bytes");
        // A hang spins on the CPU; these bounds are hundreds of times what a case and the run take.
        Assert.True(worstMs < 2000, $"a case took {worstMs:F0} ms of CPU");
        Assert.True(cpu < TimeSpan.FromSeconds(60), $"{Cases} cases took {cpu} of CPU");
        // Both outcomes must occur in volume, or the mutations are too gentle or too brutal to mean anything.
        Assert.True(clean > Cases / 20, $"only {clean} mutated files read cleanly");
        Assert.True(refused > Cases / 20, $"only {refused} mutated files were refused");
    }
}
