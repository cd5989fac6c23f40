namespace Conformance.ReferenceServer.Storage;

/// <summary>
/// The bytes of an in-memory file, kept in fixed-size chunks so that a file extended with
/// SetEndOfFile or a write past its end holds no memory for the gap, which reads as zeros.
/// Bytes of a chunk past <see cref="Length"/> are always zero. Not thread-safe: the owner locks.
/// </summary>
internal sealed class SparseContent
{
    public const int ChunkSize = 64 * 1024;

    private readonly Dictionary<long, byte[]> chunks = [];

    public long Length { get; private set; }

    /// <summary>Bytes of memory held (for tests of sparseness).</summary>
    public long ChunkBytes => (long)chunks.Count * ChunkSize;

    public int Read(long offset, Span<byte> destination)
    {
        if (offset >= Length)
        {
            return 0;
        }

        int count = (int)Math.Min(destination.Length, Length - offset);
        int done = 0;
        while (done < count)
        {
            long position = offset + done;
            int within = (int)(position % ChunkSize);
            int length = Math.Min(count - done, ChunkSize - within);
            Span<byte> target = destination.Slice(done, length);
            if (chunks.TryGetValue(position / ChunkSize, out byte[]? chunk))
            {
                chunk.AsSpan(within, length).CopyTo(target);
            }
            else
            {
                target.Clear();
            }

            done += length;
        }

        return count;
    }

    public void Write(long offset, ReadOnlySpan<byte> source)
    {
        int done = 0;
        while (done < source.Length)
        {
            long position = offset + done;
            long index = position / ChunkSize;
            int within = (int)(position % ChunkSize);
            int length = Math.Min(source.Length - done, ChunkSize - within);
            if (!chunks.TryGetValue(index, out byte[]? chunk))
            {
                chunk = new byte[ChunkSize];
                chunks.Add(index, chunk);
            }

            source.Slice(done, length).CopyTo(chunk.AsSpan(within, length));
            done += length;
        }

        Length = Math.Max(Length, offset + source.Length);
    }

    public void SetLength(long length)
    {
        if (length < Length)
        {
            long firstDropped = (length + ChunkSize - 1) / ChunkSize;
            foreach (long index in chunks.Keys.Where(index => index >= firstDropped).ToList())
            {
                chunks.Remove(index);
            }

            int within = (int)(length % ChunkSize);
            if (within != 0 && chunks.TryGetValue(length / ChunkSize, out byte[]? partial))
            {
                partial.AsSpan(within).Clear();
            }
        }

        Length = length;
    }
}
