using System.Diagnostics;
using System.Globalization;
using MixConsole.Dsp.Core;

namespace MixConsole.Host.Serve;

/// <summary>
/// No audio device: silent inputs, discarded outputs, blocks paced by the system clock so the engine runs at
/// the rate a device would run it (meters move, parameters are read every block) with no sound card at all.
/// When processing falls more than <see cref="MaxCatchUpMs"/> behind, the missed blocks are skipped and counted.
/// </summary>
internal sealed class NullAudioBackend : IAudioBackend
{
    /// <summary>Largest backlog worked off in a burst before blocks are skipped.</summary>
    public const double MaxCatchUpMs = 100;

    private readonly AudioBuffer _input;
    private readonly AudioBuffer _output;
    private long _processed;
    private long _late;

    public NullAudioBackend(double sampleRateHz, int blockFrames, int inputChannels, int outputChannels)
    {
        new ProcessSpec(sampleRateHz, blockFrames, Math.Max(1, inputChannels)).Validate();
        SampleRateHz = sampleRateHz;
        BlockFrames = blockFrames;
        InputChannels = inputChannels;
        OutputChannels = outputChannels;
        _input = new AudioBuffer(Math.Max(1, inputChannels), blockFrames);
        _output = new AudioBuffer(Math.Max(1, outputChannels), blockFrames);
    }

    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"null (silent inputs, paced by the system clock), {SampleRateHz:0} Hz, {BlockFrames}-frame blocks ({BlockFrames * 1000.0 / SampleRateHz:0.###} ms)");

    public double SampleRateHz { get; }

    public int BlockFrames { get; }

    public int InputChannels { get; }

    public int OutputChannels { get; }

    public long BlocksProcessed => Interlocked.Read(ref _processed);

    public long BlocksLate => Interlocked.Read(ref _late);

    public void Run(AudioBlockHandler process, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(process);
        double blocksPerSecond = SampleRateHz / BlockFrames;
        long maxBacklog = Math.Max(1, (long)(blocksPerSecond * MaxCatchUpMs / 1000));
        long start = Stopwatch.GetTimestamp();
        long done = 0;
        while (!cancellation.IsCancellationRequested)
        {
            long due = (long)(Stopwatch.GetElapsedTime(start).TotalSeconds * blocksPerSecond);
            if (due - done > maxBacklog)
            {
                Interlocked.Add(ref _late, due - done - 1);
                done = due - 1;
            }

            while (done < due)
            {
                process(_input, _output, BlockFrames);
                done++;
                Interlocked.Increment(ref _processed);
            }

            // A device would wake us per period; the system clock's millisecond sleep batches a few blocks.
            Thread.Sleep(1);
        }
    }

    public void Dispose()
    {
    }
}
