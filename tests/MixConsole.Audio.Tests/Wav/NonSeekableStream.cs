namespace MixConsole.Audio.Tests.Wav;

/// <summary>A pipe-like view of another stream: no seeking, no length, optionally short reads.</summary>
internal sealed class NonSeekableStream(Stream inner, int maxReadBytes = int.MaxValue) : Stream
{
    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => false;
    public override bool CanWrite => inner.CanWrite;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, maxReadBytes));

    public override int Read(Span<byte> buffer) => inner.Read(buffer[..Math.Min(buffer.Length, maxReadBytes)]);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
