namespace Kexie.Matching.Indexing;

/// <summary>
/// Field frequencies of one term in one document, packed in a byte:
/// bits 0–4 body count (capped at 31), bits 5–6 title count (capped at 3), bit 7 in keywords.
/// </summary>
internal static class FieldFrequencies
{
    public static byte Pack(int title, int keywords, int body) =>
        (byte)(Math.Min(body, 31) | (Math.Min(title, 3) << 5) | (keywords > 0 ? 0x80 : 0));

    public static int Body(byte packed) => packed & 31;

    public static int Title(byte packed) => (packed >> 5) & 3;

    public static int Keywords(byte packed) => packed >> 7;
}

/// <summary>
/// An immutable posting list: ascending local document ids, delta-coded as varints, each followed
/// by its packed field frequencies. A skip entry every <see cref="SkipInterval"/> postings lets
/// <see cref="Find"/> jump close to a document.
/// </summary>
internal sealed class PostingList
{
    public const int SkipInterval = 128;

    public PostingList(byte[] data, int count, int[]? skipDocs, int[]? skipOffsets)
    {
        Data = data;
        Count = count;
        SkipDocs = skipDocs;
        SkipOffsets = skipOffsets;
    }

    public byte[] Data { get; }

    public int Count { get; }

    /// <summary>skip i: the id of posting (i+1)·interval − 1 …</summary>
    public int[]? SkipDocs { get; }

    /// <summary>… and the byte offset of the posting after it.</summary>
    public int[]? SkipOffsets { get; }

    /// <summary>
    /// What bounds this term's contribution in any document of its segment (issue 16, match20), packed: bit 63 set once
    /// computed (0 before), bits 0–4 the largest body count, 5–6 the largest title count, 7 whether any document holds it
    /// in its keywords, 8–23 the shortest title length of the documents holding it in their title, 24–39 the shortest
    /// keywords length of those holding it in their keywords, 40–61 the shortest body length of those holding it in their
    /// body (capped at 2²² − 1: a shorter length only loosens the bound). Computed on first use from the segment's lengths
    /// (<see cref="Stats"/>): the postings and the lengths never change, so any thread computes the same value.
    /// </summary>
    private long stats;

    public const long StatsComputed = 1L << 63;

    /// <summary>
    /// This list's bound statistics (see <see cref="stats"/>), computed by decoding it once on first use:
    /// <paramref name="titleLengths"/>, <paramref name="keywordLengths"/> and <paramref name="bodyLengths"/> are its segment's.
    /// </summary>
    public long Stats(ushort[] titleLengths, ushort[] keywordLengths, int[] bodyLengths)
    {
        var known = Volatile.Read(ref stats);
        if (known != 0)
        {
            return known;
        }
        int maxBody = 0, maxTitle = 0, anyKeywords = 0;
        int minTitle = ushort.MaxValue, minKeywords = ushort.MaxValue, minBody = (1 << 22) - 1;
        var data = Data;
        var position = 0;
        var doc = -1;
        while (position < data.Length)
        {
            doc += ReadVarint(data, ref position);
            int packed = data[position++];
            var body = packed & 31;
            if (body != 0)
            {
                maxBody = Math.Max(maxBody, body);
                minBody = Math.Min(minBody, bodyLengths[doc]);
            }
            var title = (packed >> 5) & 3;
            if (title != 0)
            {
                maxTitle = Math.Max(maxTitle, title);
                minTitle = Math.Min(minTitle, titleLengths[doc]);
            }
            if ((packed & 0x80) != 0)
            {
                anyKeywords = 1;
                minKeywords = Math.Min(minKeywords, keywordLengths[doc]);
            }
        }
        known = StatsComputed | (long)(uint)maxBody | ((long)maxTitle << 5) | ((long)anyKeywords << 7)
            | ((long)minTitle << 8) | ((long)minKeywords << 24) | ((long)Math.Max(minBody, 0) << 40);
        Volatile.Write(ref stats, known);
        return known;
    }

    /// <summary>The packed frequencies of <paramref name="doc"/>, or 0 when the term is not in it.</summary>
    public byte Find(int doc)
    {
        var data = Data;
        var position = 0;
        var current = -1;
        if (SkipDocs is { } skips && SkipOffsets is { } offsets)
        {
            var index = Array.BinarySearch(skips, doc);
            if (index >= 0)
            {
                // doc is exactly a skip point: its frequency byte is just before the next offset.
                return data[offsets[index] - 1];
            }
            index = ~index - 1;
            if (index >= 0)
            {
                current = skips[index];
                position = offsets[index];
            }
        }
        while (position < data.Length)
        {
            current += ReadVarint(data, ref position);
            var packed = data[position++];
            if (current == doc)
            {
                return packed;
            }
            if (current > doc)
            {
                return 0;
            }
        }
        return 0;
    }

    public static int ReadVarint(byte[] data, ref int position)
    {
        int b = data[position++];
        if (b < 0x80)
        {
            return b;
        }
        var value = b & 0x7F;
        var shift = 7;
        do
        {
            b = data[position++];
            value |= (b & 0x7F) << shift;
            shift += 7;
        }
        while (b >= 0x80);
        return value;
    }
}

/// <summary>Builds a <see cref="PostingList"/> by appending postings in ascending document order.</summary>
internal sealed class PostingWriter
{
    private byte[] buffer = new byte[8];
    private int length;
    private int lastDoc = -1;
    private List<int>? skipDocs;
    private List<int>? skipOffsets;

    public int Count { get; private set; }

    public void Add(int doc, byte packed)
    {
        if (doc <= lastDoc)
        {
            throw new InvalidOperationException("Postings must be added in ascending document order.");
        }
        if (buffer.Length - length < 6)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }
        var delta = (uint)(doc - lastDoc);
        while (delta >= 0x80)
        {
            buffer[length++] = (byte)(delta | 0x80);
            delta >>= 7;
        }
        buffer[length++] = (byte)delta;
        buffer[length++] = packed;
        lastDoc = doc;
        Count++;
        if (Count % PostingList.SkipInterval == 0)
        {
            (skipDocs ??= []).Add(doc);
            (skipOffsets ??= []).Add(length);
        }
    }

    public PostingList Build() => new(buffer.AsSpan(0, length).ToArray(), Count, skipDocs?.ToArray(), skipOffsets?.ToArray());
}
