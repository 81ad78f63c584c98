namespace Kexie.Matching.Analysis;

/// <summary>
/// An immutable character trie over UTF-16 code units, in arrays: the root's children through a
/// 65,536-entry table, every other node's children as a slice of <c>childChars</c>/<c>childNodes</c>
/// sorted by character. Nodes are numbered by <see cref="Builder"/>; node 0 is the root and also
/// means "no such child". Thread-safe (read-only).
/// </summary>
internal sealed class CharTrie
{
    /// <summary>The root (the empty prefix); <see cref="Child"/> returns it for "no such child".</summary>
    public const int Root = 0;

    private readonly int[] rootChildren;
    private readonly int[] firstChild;
    private readonly char[] childChars;
    private readonly int[] childNodes;

    private CharTrie(int[] rootChildren, int[] firstChild, char[] childChars, int[] childNodes)
    {
        this.rootChildren = rootChildren;
        this.firstChild = firstChild;
        this.childChars = childChars;
        this.childNodes = childNodes;
    }

    /// <summary>Number of nodes, the root included.</summary>
    public int NodeCount => firstChild.Length - 1;

    /// <summary>The child of <paramref name="node"/> for <paramref name="c"/>, or <see cref="Root"/> when there is none.</summary>
    public int Child(int node, char c)
    {
        if (node == Root)
        {
            return rootChildren[c];
        }
        var start = firstChild[node];
        var count = firstChild[node + 1] - start;
        if (count <= 8)
        {
            for (var i = start; i < start + count; i++)
            {
                if (childChars[i] == c)
                {
                    return childNodes[i];
                }
            }
            return Root;
        }
        var index = childChars.AsSpan(start, count).BinarySearch(c);
        return index >= 0 ? childNodes[start + index] : Root;
    }

    /// <summary>The node of <paramref name="text"/>, or <see cref="Root"/> when it is empty or not in the trie.</summary>
    public int Find(ReadOnlySpan<char> text)
    {
        var node = Root;
        foreach (var c in text)
        {
            node = Child(node, c);
            if (node == Root)
            {
                return Root;
            }
        }
        return node;
    }

    /// <summary>Collects strings into a hash map (parent, character) → child, then freezes it.</summary>
    public sealed class Builder
    {
        private readonly Dictionary<long, int> edges;

        /// <summary>Creates a builder; <paramref name="capacity"/> is the expected number of nodes.</summary>
        public Builder(int capacity = 0)
        {
            edges = new Dictionary<long, int>(capacity);
        }

        /// <summary>Number of nodes so far, the root included; a new node gets this number.</summary>
        public int NodeCount { get; private set; } = 1;

        /// <summary>Adds <paramref name="text"/> and its prefixes; returns the node of <paramref name="text"/>.</summary>
        public int Add(ReadOnlySpan<char> text)
        {
            var node = Root;
            foreach (var c in text)
            {
                var key = ((long)node << 16) | c;
                if (!edges.TryGetValue(key, out var child))
                {
                    child = NodeCount++;
                    edges.Add(key, child);
                }
                node = child;
            }
            return node;
        }

        /// <summary>The frozen trie.</summary>
        public CharTrie Build()
        {
            var nodeCount = NodeCount;
            var rootChildren = new int[65536];
            var firstChild = new int[nodeCount + 1];
            foreach (var key in edges.Keys)
            {
                firstChild[(int)(key >> 16) + 1]++;
            }
            for (var n = 0; n < nodeCount; n++)
            {
                firstChild[n + 1] += firstChild[n];
            }
            var fill = (int[])firstChild.Clone();
            var childChars = new char[edges.Count];
            var childNodes = new int[edges.Count];
            foreach (var (key, child) in edges)
            {
                var parent = (int)(key >> 16);
                var c = (char)(key & 0xFFFF);
                var slot = fill[parent]++;
                childChars[slot] = c;
                childNodes[slot] = child;
                if (parent == Root)
                {
                    rootChildren[c] = child;
                }
            }
            for (var n = 1; n < nodeCount; n++)
            {
                var count = firstChild[n + 1] - firstChild[n];
                if (count > 1)
                {
                    Array.Sort(childChars, childNodes, firstChild[n], count);
                }
            }
            return new CharTrie(rootChildren, firstChild, childChars, childNodes);
        }
    }
}
