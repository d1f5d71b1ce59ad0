using System.Numerics;

namespace CityServices.Hashing.Merkle;

internal static class PowersOfTwo
{
    /// <summary>The largest power of two strictly below <paramref name="n"/> (n ≥ 2): RFC 9162's split point k.</summary>
    public static long LargestBelow(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));

    /// <summary>log2 of the largest power of two at or below <paramref name="n"/> (n ≥ 1).</summary>
    public static int FloorLog2(long n) => BitOperations.Log2((ulong)n);

    public static bool IsPowerOfTwo(long n) => n > 0 && BitOperations.IsPow2(n);
}
