namespace Kexie.Matching.Indexing;

/// <summary>
/// The text pass's top-<see cref="MatchOptions.RerankDepth"/> heap: a min-heap of (text score, slot) that performs exactly
/// the operations of <see cref="PriorityQueue{TElement,TPriority}"/> (<c>PriorityQueue&lt;int, float&gt;</c>, default
/// comparer) — the same quaternary array layout, the same sift-up of <c>Enqueue</c>, the same sift-down of
/// <c>DequeueEnqueue</c> and <c>Dequeue</c> (first strictly smaller child among the four; a node moves down only past a
/// strictly smaller child, up only past a strictly larger parent; <c>DequeueEnqueue</c> writes the new node at the root
/// without sifting when its priority is not greater than the root's) — on two flat arrays, without the generic
/// comparer and the version checks.
/// </summary>
/// <remarks>
/// Equal text scores are not ordered by a rule of their own: which of them is evicted at the threshold and the order in
/// which they leave the heap follow from the heap's layout, that is from the whole sequence of operations (see
/// matching.md, "Index"). This heap therefore copies the layout operation by operation: given the same sequence of
/// <see cref="Enqueue"/>, <see cref="ReplaceMin"/> and <see cref="TryDequeue"/> calls it holds the same array as
/// <see cref="PriorityQueue{TElement,TPriority}"/> after each call and returns the same slots in the same order
/// (<c>TopHeapTests</c> compares both on random inputs with many equal scores). Scores are compared with <c>&lt;</c>, which
/// agrees with <see cref="float.CompareTo(float)"/> (the default comparer) for every score that is not NaN, and text
/// scores are finite sums of non-negative finite terms.
/// </remarks>
internal sealed class TopHeap
{
    private float[] scores = new float[64];
    private int[] slots = new int[64];

    /// <summary>Entries held.</summary>
    public int Count { get; private set; }

    /// <summary>The smallest score held (the root); only meaningful when <see cref="Count"/> &gt; 0.</summary>
    public float MinScore => scores[0];

    /// <summary>The slot of the root.</summary>
    public int MinSlot => slots[0];

    /// <summary>Empties the heap (the arrays are kept).</summary>
    public void Clear() => Count = 0;

    /// <summary><c>PriorityQueue.Enqueue</c>: the node is added last and moved up past strictly larger parents.</summary>
    public void Enqueue(int slot, float score)
    {
        var index = Count;
        if (index == scores.Length)
        {
            Array.Resize(ref scores, index * 2);
            Array.Resize(ref slots, index * 2);
        }
        Count = index + 1;
        var s = scores;
        var e = slots;
        while (index > 0)
        {
            var parent = (index - 1) >> 2;
            var parentScore = s[parent];
            if (score < parentScore)
            {
                s[index] = parentScore;
                e[index] = e[parent];
                index = parent;
            }
            else
            {
                break;
            }
        }
        s[index] = score;
        e[index] = slot;
    }

    /// <summary>
    /// <c>PriorityQueue.DequeueEnqueue</c>: the root is replaced by (<paramref name="slot"/>, <paramref name="score"/>),
    /// which is moved down when its score is greater than the root's and written at the root otherwise.
    /// </summary>
    public void ReplaceMin(int slot, float score)
    {
        if (score > scores[0])
        {
            MoveDown(slot, score, 0);
        }
        else
        {
            scores[0] = score;
            slots[0] = slot;
        }
    }

    /// <summary><c>PriorityQueue.TryDequeue</c>: takes the root; the last node is moved down from the root.</summary>
    public bool TryDequeue(out int slot, out float score)
    {
        if (Count == 0)
        {
            slot = 0;
            score = 0;
            return false;
        }
        slot = slots[0];
        score = scores[0];
        var last = --Count;
        if (last > 0)
        {
            MoveDown(slots[last], scores[last], 0);
        }
        return true;
    }

    /// <summary><c>PriorityQueue.MoveDownDefaultComparer</c>.</summary>
    private void MoveDown(int slot, float score, int index)
    {
        var s = scores;
        var e = slots;
        var size = Count;
        int child;
        while ((child = (index << 2) + 1) < size)
        {
            var minChild = child;
            var minScore = s[child];
            var end = Math.Min(child + 4, size);
            while (++child < end)
            {
                var next = s[child];
                if (next < minScore)
                {
                    minScore = next;
                    minChild = child;
                }
            }
            if (score <= minScore)
            {
                break;
            }
            s[index] = minScore;
            e[index] = e[minChild];
            index = minChild;
        }
        s[index] = score;
        e[index] = slot;
    }
}
