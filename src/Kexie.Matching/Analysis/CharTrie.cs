namespace Kexie.Matching.Analysis;

/// <summary>
/// An immutable character trie over UTF-16 code units, in arrays. Nodes are numbered breadth-first
/// with the children of a node consecutive and sorted by character, so a node's children are the
/// ids [First, First + Count) and <c>labels[id]</c> is the character leading to node id: a lookup
/// reads one small slice, and data kept per node in parallel arrays lies next to the siblings' data.
/// The root's children are found through a 65,536-entry table. Node 0 is the root and also means
/// "no such child". Thread-safe (read-only).
/// </summary>
internal sealed class CharTrie
{
    /// <summary>The root (the empty prefix); <see cref="Child"/> returns it for "no such child".</summary>
    public const int Root = 0;

    private readonly int[] rootChildren;
    private readonly (int First, int Count)[] children;
    private readonly char[] labels;

    private CharTrie(int[] rootChildren, (int First, int Count)[] children, char[] labels)
    {
        this.rootChildren = rootChildren;
        this.children = children;
        this.labels = labels;
    }

    /// <summary>Number of nodes, the root included.</summary>
    public int NodeCount => labels.Length;

    /// <summary>The child of <paramref name="node"/> for <paramref name="c"/>, or <see cref="Root"/> when there is none.</summary>
    public int Child(int node, char c)
    {
        if (node == Root)
        {
            return rootChildren[c];
        }
        var (start, count) = children[node];
        if (count <= 8)
        {
            for (var i = start; i < start + count; i++)
            {
                if (labels[i] == c)
                {
                    return i;
                }
            }
            return Root;
        }
        var index = labels.AsSpan(start, count).BinarySearch(c);
        return index >= 0 ? start + index : Root;
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

        /// <summary>Number of nodes so far, the root included; a new node gets this (provisional) number.</summary>
        public int NodeCount { get; private set; } = 1;

        /// <summary>Adds <paramref name="text"/> and its prefixes; returns the provisional node of <paramref name="text"/>.</summary>
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

        /// <summary>
        /// The frozen trie; <paramref name="renumber"/> maps each provisional node number returned by
        /// <see cref="Add"/> to the node's number in the trie.
        /// </summary>
        public CharTrie Build(out int[] renumber)
        {
            var nodeCount = NodeCount;
            // Sorting the keys (parent << 16 | character) groups the edges by parent, each group by character.
            var keys = new long[edges.Count];
            var targets = new int[edges.Count];
            var e = 0;
            foreach (var (key, child) in edges)
            {
                keys[e] = key;
                targets[e] = child;
                e++;
            }
            Array.Sort(keys, targets);
            var firstEdge = new int[nodeCount + 1];
            foreach (var key in keys)
            {
                firstEdge[(int)(key >> 16) + 1]++;
            }
            for (var n = 0; n < nodeCount; n++)
            {
                firstEdge[n + 1] += firstEdge[n];
            }

            // Breadth-first numbering: the queue position of a node is its new number.
            renumber = new int[nodeCount];
            var order = new int[nodeCount];
            var children = new (int First, int Count)[nodeCount];
            var labels = new char[nodeCount];
            var rootChildren = new int[65536];
            var next = 1;
            for (var id = 0; id < nodeCount; id++)
            {
                var old = order[id];
                var from = firstEdge[old];
                var to = firstEdge[old + 1];
                children[id] = (next, to - from);
                for (var k = from; k < to; k++)
                {
                    var c = (char)(keys[k] & 0xFFFF);
                    order[next] = targets[k];
                    renumber[targets[k]] = next;
                    labels[next] = c;
                    if (id == Root)
                    {
                        rootChildren[c] = next;
                    }
                    next++;
                }
            }
            return new CharTrie(rootChildren, children, labels);
        }
    }
}
